/**
 * The logs of whole journeys on every channel, error paths included, at debug level: nothing a
 * customer wrote or can be reached at appears in them, and each message can be followed by its
 * correlation id from the request that brought it in to the dispatch that answered it. Web form
 * (answered, escalated, refused for a bad field), WhatsApp (answered, and refused by Twilio for a
 * bad number), Gmail, and a staff reply, through the official SDKs' stand-ins.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import twilio from 'twilio'
import { openRuntime, type Runtime } from '../platform/runtime.js'
import { createLogger } from '../platform/log.js'
import type { Running } from './roles.js'
import { startSeeded } from '../testing/seeded.js'
import { eventually, testConfig } from '../testing/stack.js'
import { startTwilioStandIn, INVALID_NUMBER, type TwilioStandIn } from '../testing/standIns/twilio.js'
import { startGoogleStandIn, type GoogleStandIn } from '../testing/standIns/google.js'
import { staffMember } from '../testing/staff.js'

const ACCOUNT_SID = 'AC' + '3'.repeat(32)
const AUTH_TOKEN = 'logs-auth-token'
const PUBLIC = 'https://support.example.com'
const MAILBOX = 'support@logs.example.com'
const AUDIENCE = `${PUBLIC}/webhooks/gmail`
const PUSHER = 'pusher@logs.iam.gserviceaccount.com'

/** What the customers of this spec are and wrote: none of it may reach a log line. */
const SECRETS = {
  emails: ['wilma.web@example.com', 'gail.mail@example.com', 'bad-address-at-example'],
  phones: ['+14155550171', '4155550171', INVALID_NUMBER, INVALID_NUMBER.slice(1)],
  bodies: ['export my project to CSV before Thursday', 'charged twice for the Pro plan', 'recurring task every Monday morning', 'invite my whole team of designers', 'Maria here, the refund is on its way'],
}

describe('logs of whole journeys', () => {
  const lines: string[] = []
  let twilioStandIn: TwilioStandIn
  let google: GoogleStandIn
  let rt: Runtime
  let app: Running
  const stderr = process.stderr.write.bind(process.stderr)

  before(async () => {
    twilioStandIn = await startTwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN })
    google = await startGoogleStandIn({ audience: AUDIENCE, serviceAccount: PUSHER })
    // Every line the logger writes, as a log collector would read it.
    process.stderr.write = ((chunk: string | Uint8Array) => (lines.push(String(chunk)), true)) as typeof process.stderr.write
    const config = testConfig({
      FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-logs-')), LOG_LEVEL: 'debug', FTE_MAX_ATTEMPTS: '2',
      PUBLIC_BASE_URL: PUBLIC, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886', TWILIO_API_BASE_URL: twilioStandIn.baseUrl,
      GMAIL_ADDRESS: MAILBOX, GMAIL_CLIENT_ID: 'logs.apps.googleusercontent.com', GMAIL_CLIENT_SECRET: 'logs-secret', GMAIL_REFRESH_TOKEN: '1//logs',
      GMAIL_PUSH_AUDIENCE: AUDIENCE, GMAIL_PUSH_SERVICE_ACCOUNT: PUSHER, GOOGLE_CERTS_URL: google.certsUrl, GOOGLE_API_ROOT_URL: google.url, GOOGLE_TOKEN_URL: google.tokenUrl,
    })
    rt = await openRuntime(config, createLogger('debug'))
    app = await startSeeded(rt)
  })

  after(async () => {
    process.stderr.write = stderr
    await app?.close()
    await rt?.close()
    await twilioStandIn?.close()
    await google?.close()
  })

  const parsed = () => lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)
  const handledBy = (id: string) => new Set(parsed().filter((l) => l.correlation_id === id && l.msg === 'event handled').map((l) => String(l.group)))
  const submit = (body: Record<string, unknown>) =>
    fetch(`${app.url}/support/submit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const whatsapp = (phone: string, body: string) => {
    const params = { AccountSid: ACCOUNT_SID, MessageSid: 'SM' + crypto.randomUUID().replace(/-/g, ''), From: `whatsapp:${phone}`, To: 'whatsapp:+14155238886', Body: body, ProfileName: 'Wes', WaId: phone.slice(1), NumMedia: '0' }
    return fetch(`${app.url}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC}/webhooks/whatsapp`, params) },
      body: new URLSearchParams(params).toString(),
    })
  }
  const followed = (id: string, groups: string[], what: string) =>
    eventually(async () => groups.every((g) => handledBy(id).has(g)), { what: `${what}: ${groups.join(', ')} under one correlation id`, timeoutMs: 30_000 })

  let webTicket = ''

  it('follows a web-form question from the request to the dispatch by its correlation id, and refuses a bad field by name', async () => {
    const res = await submit({ name: 'Wilma', email: 'wilma.web@example.com', phone: '+1 415 555 0171', subject: 'Export', category: 'general', message: 'How do I export my project to CSV before Thursday?' })
    assert.equal(res.status, 202)
    const id = res.headers.get('x-request-id')!
    assert.ok(id, 'the request id is echoed back')
    webTicket = ((await res.json()) as { ticket_id: string }).ticket_id
    await followed(id, ['fte.identity', 'fte.retrieval', 'fte.decision', 'fte.dispatch.web_form', 'fte.projection.messages'], 'the web-form message')

    const refund = await submit({ name: 'Wilma', email: 'wilma.web@example.com', subject: 'Billing', category: 'billing', message: 'I was charged twice for the Pro plan, I want a refund.' })
    await followed(refund.headers.get('x-request-id')!, ['fte.decision', 'fte.projection.tickets'], 'the escalated message')

    const bad = await submit({ name: 'Wilma', email: 'bad-address-at-example', subject: 'Hi', category: 'general', message: 'How do I create a recurring task every Monday morning?' })
    assert.equal(bad.status, 422)
    assert.match(JSON.stringify(await bad.json()), /email/, 'names the field')
  })

  it('follows a WhatsApp message to its reply, and a reply Twilio refuses for the number to its dead letter', async () => {
    const ok = await whatsapp('+14155550171', 'Can I invite my whole team of designers?')
    assert.equal(ok.status, 200)
    await followed(ok.headers.get('x-request-id')!, ['fte.identity', 'fte.decision', 'fte.dispatch.whatsapp'], 'the WhatsApp message')

    const refused = await whatsapp(INVALID_NUMBER, 'How do I create a recurring task every Monday morning?')
    const id = refused.headers.get('x-request-id')!
    await eventually(async () => parsed().some((l) => l.msg === 'event dead-lettered' && l.group === 'fte.dispatch.whatsapp' && l.correlation_id === id), { what: 'the refused reply dead-lettered, under its correlation id' })
  })

  it('follows a Gmail message from the push to the reply', async () => {
    google.deliver([
      'Authentication-Results: mx.google.com; dkim=pass header.i=@example.com header.s=s1; spf=pass smtp.mailfrom=gail.mail@example.com',
      'From: "Gail" <gail.mail@example.com>', `To: <${MAILBOX}>`, 'Subject: Export', 'Message-ID: <gail-1@example.com>',
      `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset="UTF-8"', '', 'How do I export my project to CSV before Thursday?', '',
    ].join('\r\n'))
    const res = await fetch(`${app.url}/webhooks/gmail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await google.pushToken()}` },
      body: JSON.stringify({ message: { data: Buffer.from(JSON.stringify({ emailAddress: MAILBOX, historyId: google.historyId })).toString('base64'), messageId: 'push-1' }, subscription: 'projects/p/subscriptions/s' }),
    })
    assert.ok(res.status < 300, `push acknowledged: ${res.status}`)
    await followed(res.headers.get('x-request-id')!, ['fte.identity', 'fte.decision', 'fte.dispatch.email'], 'the email')
  })

  it('follows a staff reply from the request to the dispatch', async () => {
    const agent = await staffMember(rt.db, 'agent', 'Maria')
    const res = await fetch(`${app.url}/api/tickets/${webTicket}/reply`, {
      method: 'POST', headers: { ...agent.headers, 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Hi Wilma, Maria here, the refund is on its way.' }),
    })
    assert.equal(res.status, 202)
    await followed(res.headers.get('x-request-id')!, ['fte.dispatch.web_form'], 'the staff reply')
  })

  it('never names a customer\'s address, number or words, in any line', () => {
    const all = lines.join('')
    assert.ok(parsed().length > 50, `${parsed().length} lines read`)
    for (const s of [...SECRETS.emails, ...SECRETS.phones, ...SECRETS.bodies]) assert.equal(all.includes(s), false, `"${s}" is in the logs`)
    for (const l of parsed()) assert.ok(typeof l.level === 'string' && typeof l.time === 'string' && typeof l.msg === 'string', `a pino line with level, time and msg: ${JSON.stringify(l)}`)
  })
})
