/* global __ENV, __ITER, __VU */
// Signed Twilio WhatsApp webhooks at a fixed arrival rate. Needs the target's TWILIO_AUTH_TOKEN
// and PUBLIC_BASE_URL (the URL Twilio signs):
//   k6 run -e BASE_URL=... -e PUBLIC_BASE_URL=... -e TWILIO_AUTH_TOKEN=... loadtest/k6/whatsapp.js
import { arrivals, whatsapp } from './lib.js'

export const options = {
  scenarios: { whatsapp: arrivals('inbound', Number(__ENV.RATE || 50)) },
  thresholds: { http_req_duration: ['p(95)<3000'], http_req_failed: ['rate<0.01'] },
}

export function inbound() {
  whatsapp(__VU * 100000 + __ITER)
}
