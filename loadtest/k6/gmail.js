/* global __ENV, __ITER, __VU */
// OIDC-signed Gmail (Pub/Sub) pushes at a fixed arrival rate, signed with test-keys/: the target
// must have GOOGLE_CERTS_URL serving test-keys/jwks.json and GOOGLE_API_ROOT_URL pointing at a
// Gmail it can read (a staging mailbox or a stand-in). Never point it at production.
//   k6 run -e BASE_URL=... -e GMAIL_ADDRESS=... -e GMAIL_PUSH_AUDIENCE=... -e GMAIL_PUSH_SERVICE_ACCOUNT=... loadtest/k6/gmail.js
import { arrivals, gmailPush } from './lib.js'

export const options = {
  scenarios: { gmail: arrivals('push', Number(__ENV.RATE || 20)) },
  thresholds: { http_req_duration: ['p(95)<3000'], http_req_failed: ['rate<0.01'] },
}

export async function push() {
  await gmailPush(__VU * 100000 + __ITER)
}
