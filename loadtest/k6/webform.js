/* global __ENV, __ITER, __VU */
// Web-form submissions at a fixed arrival rate, each polled until its reply is on the status page.
//   k6 run -e BASE_URL=https://support.example.com -e RATE=100 loadtest/k6/webform.js
import { arrivals, THRESHOLDS, webForm } from './lib.js'

export const options = {
  scenarios: { webform: arrivals('webform', Number(__ENV.RATE || 100)) },
  thresholds: THRESHOLDS,
}

export function webform() {
  webForm(__VU * 100000 + __ITER)
}
