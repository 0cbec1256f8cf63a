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
import { openRuntime, type Runtime } from '../platform/runtime.js'
import { createLogger } from '../platform/log.js'
import type { Running } from './roles.js'
import { startSeeded } from '../testing/seeded.js'
import { eventually, testConfig } from '../testing/stack.js'
import { INVALID_NUMBER } from '../testing/standIns/twilio.js'
import { startProviderStandIns, type ProviderStandIns } from '../testing/standIns/providers.js'
import { staffMember } from '../testing/staff.js'

/** What the customers of this spec are and wrote: none of it may reach a log line. */
const SECRETS = {
  emails: ['wilma.web@example.com', 'gail.mail@example.com', 'bad-address-at-example'],
  phones: ['+14155550171', '4155550171', INVALID_NUMBER, INVALID_NUMBER.slice(1)],
  bodies: ['export my project to CSV before Thursday', 'charged twice for the Pro plan', 'recurring task every Monday morning', 'invite my whole team of designers', 'Maria here, the refund is on its way'],
}

describe('logs of whole journeys', () => {
  const lines: string[] = []
  let providers: ProviderStandIns
  let rt: Runtime
  let app: Running
  const stderr = process.stderr.write.bind(process.stderr)

  before(async () => {
    providers = await startProviderStandIns('logs')
    // Every line the logger writes, as a log collector would read it.
    process.stderr.write = ((chunk: string | Uint8Array) => (lines.push(String(chunk)), true)) as typeof process.stderr.write
    const config = testConfig({
      FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-logs-')), LOG_LEVEL: 'debug', FTE_MAX_ATTEMPTS: '2',
      ...providers.env,
    })
    rt = await openRuntime(config, createLogger('debug'))
    app = await startSeeded(rt)
  })

  after(async () => {
    process.stderr.write = stderr
    await app?.close()
    await rt?.close()
    await providers?.close()
  })

  const parsed = () => lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)
  const handledBy = (id: string) => new Set(parsed().filter((l) => l.correlation_id === id && l.msg === 'event handled').map((l) => String(l.group)))
  const submit = (body: Record<string, unknown>) =>
    fetch(`${app.url}/support/submit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const whatsapp = async (phone: string, body: string) => (await providers.whatsapp(app.url!, { phone, body, name: 'Wes' })).res
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
    providers.email({ from: 'gail.mail@example.com', name: 'Gail', subject: 'Export', body: 'How do I export my project to CSV before Thursday?', messageId: '<gail-1@example.com>' })
    const res = await providers.gmailPush(app.url!)
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
