/* global __ENV, __ITER, __VU */
// The brief's mix at once: web form (with the end-to-end Trend), WhatsApp and Gmail, each at its
// own fixed arrival rate. Set the variables webform.js, whatsapp.js and gmail.js need.
//   k6 run -e BASE_URL=... -e WEB_RATE=40 -e WHATSAPP_RATE=40 -e GMAIL_RATE=20 loadtest/k6/mix.js
import { arrivals, THRESHOLDS, webForm, whatsapp, gmailPush } from './lib.js'

export const options = {
  scenarios: {
    webform: arrivals('web', Number(__ENV.WEB_RATE || 40)),
    whatsapp: arrivals('wa', Number(__ENV.WHATSAPP_RATE || 40)),
    gmail: arrivals('mail', Number(__ENV.GMAIL_RATE || 20)),
  },
  thresholds: THRESHOLDS,
}

export function web() {
  webForm(__VU * 100000 + __ITER)
}
export function wa() {
  whatsapp(__VU * 100000 + __ITER)
}
export async function mail() {
  await gmailPush(__VU * 100000 + __ITER)
}
