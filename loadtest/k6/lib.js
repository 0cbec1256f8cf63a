/* global __ENV, open, crypto, TextEncoder */
// Shared by the k6 scenarios (k6 >= 1.0: WebCrypto is the global `crypto`). The same scenarios
// run here, without k6, through the Node driver: npm run loadtest.
import http from 'k6/http'
import { check, sleep } from 'k6'
import encoding from 'k6/encoding'
import { hmac } from 'k6/crypto'
import { Trend, Rate, Counter } from 'k6/metrics'

export const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:3000'
/** The URL the server believes it is at (PUBLIC_BASE_URL): Twilio signs it, not the one we dial. */
export const PUBLIC_BASE_URL = __ENV.PUBLIC_BASE_URL || BASE_URL

export const e2e = new Trend('fte_submit_to_reply_ms', true)
export const replied = new Rate('fte_replied')
export const accepted = new Counter('fte_accepted')

/** Arrival-rate scenario: `rate` iterations per second whatever the server's pace (an open model). */
export const arrivals = (exec, rate, duration = __ENV.DURATION || '2m') => ({
  executor: 'constant-arrival-rate',
  exec,
  rate,
  timeUnit: '1s',
  duration,
  preAllocatedVUs: Math.max(10, rate * 2),
  maxVUs: Math.max(50, rate * 10),
})

export const THRESHOLDS = {
  http_req_duration: ['p(95)<3000'],
  http_req_failed: ['rate<0.01'],
  fte_submit_to_reply_ms: ['p(95)<3000'],
  fte_replied: ['rate>0.99'],
}

export const QUESTIONS = [
  ['Cannot log in', 'I forgot my password and cannot log in to my account.'],
  ['Export', 'How do I export my project to CSV?'],
  ['Invite', 'How can I invite my team members to the workspace?'],
  ['Slack', 'How do I connect Nimbus Tasks to Slack?'],
  ['2FA', 'How do I turn on two-factor authentication?'],
  ['Recurring', 'How do I create a recurring task every Monday?'],
]

const hex = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('')

/** A web-form submission, then the status page polled until the reply is on it. */
export function webForm(n) {
  const [subject, message] = QUESTIONS[n % QUESTIONS.length]
  const t0 = Date.now()
  const res = http.post(`${BASE_URL}/support/submit`, JSON.stringify({ name: `k6 ${n}`, email: `k6-${n % 1000}@example.com`, subject, category: 'general', message }), {
    headers: { 'content-type': 'application/json', 'idempotency-key': `k6-${hex(16)}` },
    tags: { name: 'submit' },
  })
  if (!check(res, { 'submit accepted': (r) => r.status === 202 })) return
  accepted.add(1)
  const id = res.json('ticket_id')
  while (Date.now() - t0 < 30000) {
    const t = http.get(`${BASE_URL}/support/ticket/${id}`, { tags: { name: 'status' } })
    const view = t.status === 200 ? t.json() : null
    if (view && view.messages && view.messages.some((m) => m.direction === 'outbound')) {
      e2e.add(Date.now() - t0)
      replied.add(true)
      return
    }
    sleep(0.5)
  }
  replied.add(false)
}

/** Twilio's signature: HMAC-SHA1 over the URL and the sorted parameters, base64. */
function twilioSignature(authToken, url, params) {
  const data = Object.keys(params).sort().reduce((s, k) => s + k + params[k], url)
  return hmac('sha1', authToken, data, 'base64')
}

/** A WhatsApp message as Twilio delivers it: form-encoded, signed with TWILIO_AUTH_TOKEN. */
export function whatsapp(n) {
  const phone = `+1415555${String(1000 + (n % 9000)).padStart(4, '0')}`
  const [, message] = QUESTIONS[n % QUESTIONS.length]
  const params = {
    AccountSid: __ENV.TWILIO_ACCOUNT_SID || 'AC' + '0'.repeat(32), MessageSid: 'SM' + hex(32), From: `whatsapp:${phone}`,
    To: __ENV.TWILIO_WHATSAPP_FROM || 'whatsapp:+14155238886', Body: message, ProfileName: `k6 ${n}`, WaId: phone.slice(1), NumMedia: '0',
  }
  const path = '/webhooks/whatsapp'
  const body = Object.keys(params).map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k])}`).join('&')
  const res = http.post(`${BASE_URL}${path}`, body, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(__ENV.TWILIO_AUTH_TOKEN || '', PUBLIC_BASE_URL + path, params) },
    tags: { name: 'whatsapp' },
  })
  check(res, { 'whatsapp webhook accepted': (r) => r.status === 200 })
}

const b64url = (bytes) => encoding.b64encode(bytes, 'rawurl')
let signingKey = null
const signer = JSON.parse(open('./test-keys/push-signer.jwk.json'))

/**
 * A Pub/Sub push token signed with the load-test key (test-keys/): the target must trust
 * test-keys/jwks.json as GOOGLE_CERTS_URL, so run this against staging only, never production.
 */
async function pushToken() {
  signingKey ??= await crypto.subtle.importKey('jwk', signer, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign'])
  const now = Math.floor(Date.now() / 1000)
  const header = b64url(JSON.stringify({ alg: 'RS256', kid: signer.kid, typ: 'JWT' }))
  const claims = b64url(JSON.stringify({
    iss: 'https://accounts.google.com', aud: __ENV.GMAIL_PUSH_AUDIENCE, email: __ENV.GMAIL_PUSH_SERVICE_ACCOUNT, email_verified: true,
    sub: '112233445566778899000', iat: now, exp: now + 3600,
  }))
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', signingKey, new TextEncoder().encode(`${header}.${claims}`))
  return `${header}.${claims}.${b64url(signature)}`
}

/** A Gmail push notification for the mailbox (GMAIL_ADDRESS), OIDC-signed as Pub/Sub does. */
export async function gmailPush(n) {
  const data = encoding.b64encode(JSON.stringify({ emailAddress: __ENV.GMAIL_ADDRESS, historyId: String(1000 + n) }))
  const res = http.post(`${BASE_URL}/webhooks/gmail`, JSON.stringify({ message: { data, messageId: `k6-${hex(12)}`, publishTime: new Date().toISOString() }, subscription: 'projects/loadtest/subscriptions/gmail' }), {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await pushToken()}` },
    tags: { name: 'gmail' },
  })
  // Pub/Sub counts any 2xx as acknowledged; 204 is an up-to-date mailbox.
  check(res, { 'gmail push acknowledged': (r) => r.status >= 200 && r.status < 300 })
}
