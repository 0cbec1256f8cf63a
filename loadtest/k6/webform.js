/* global __ENV, __VU, __ITER */
// k6 scenario for ops (k6 is not available on the build machine; loadtest/driver.ts runs the same
// scenario there). Each virtual user submits a web-form question and polls its ticket until the
// reply is visible, recording submit -> reply latency.
//
//   k6 run -e BASE_URL=https://support.example.com loadtest/k6/webform.js
import http from 'k6/http'
import { check, sleep } from 'k6'
import { Trend, Rate } from 'k6/metrics'

const replyLatency = new Trend('fte_submit_to_reply_ms', true)
const replied = new Rate('fte_replied')

export const options = {
  scenarios: { users: { executor: 'constant-vus', vus: 100, duration: '5m' } },
  thresholds: { fte_submit_to_reply_ms: ['p(95)<3000'], fte_replied: ['rate>0.99'], http_req_failed: ['rate<0.01'] },
}

const QUESTIONS = [
  ['Cannot log in', 'I forgot my password and cannot log in to my account.'],
  ['Export', 'How do I export my project to CSV?'],
  ['Invite', 'How can I invite my team members to the workspace?'],
  ['Slack', 'How do I connect Nimbus Tasks to Slack?'],
]

export default function () {
  const base = __ENV.BASE_URL || 'http://127.0.0.1:3000'
  const [subject, message] = QUESTIONS[(__VU + __ITER) % QUESTIONS.length]
  const t0 = Date.now()
  const res = http.post(`${base}/support/submit`, JSON.stringify({ name: `k6 ${__VU}`, email: `k6-${__VU}@example.com`, subject, category: 'general', message }), {
    headers: { 'content-type': 'application/json' },
  })
  if (!check(res, { accepted: (r) => r.status === 202 })) return
  const id = res.json('ticket_id')
  while (Date.now() - t0 < 30000) {
    const t = http.get(`${base}/support/ticket/${id}`).json()
    if (t.messages && t.messages.some((m) => m.direction === 'outbound')) {
      replyLatency.add(Date.now() - t0)
      replied.add(true)
      return
    }
    sleep(0.2)
  }
  replied.add(false)
}
