/**
 * The identity trust model (docs/identity.md), one test per rule, on the real embedded stack with
 * the OpenAI path against its local stand-in, so the prompt a reply was written from can be read:
 * verified vs claimed, no automatic merges, no continuing on a claim, what a reply may use, and a
 * person's merge racing a message of one of the two customers.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import type { Running } from '../../bin/roles.js'
import { Topics, type InboundMessage } from '../../schemas/index.js'
import { startSeeded } from '../../testing/seeded.js'
import { eventually, testConfig, testLog, uniqueName } from '../../testing/stack.js'
import { staffMember } from '../../testing/staff.js'
import { startOpenAiStandIn, type OpenAiStandIn } from '../../testing/standIns/openAi.js'

type Json = Record<string, any>

describe('identity trust model', () => {
  let standIn: OpenAiStandIn
  let rt: Runtime
  let app: Running
  let agent: Record<string, string>

  before(async () => {
    standIn = await startOpenAiStandIn()
    rt = await openRuntime(
      testConfig({ FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-trust-')), OPENAI_API_KEY: 'sk-test-standin', OPENAI_BASE_URL: standIn.baseUrl }),
      testLog(),
    )
    app = await startSeeded(rt)
    agent = (await staffMember(rt.db, 'agent', 'Ana Agent')).headers
  })
  after(async () => {
    await app?.close()
    await rt?.close()
    await standIn?.close()
  })

  /** A message as the Gmail or WhatsApp gateway publishes it; `verified` is what the channel proved. */
  const inbound = async (o: { channel: 'email' | 'whatsapp'; email?: string; phone?: string; content: string; verified?: boolean; thread?: string }) => {
    const m: InboundMessage = {
      event_id: uniqueName('in'), occurred_at: Date.now(), channel: o.channel, channel_message_id: uniqueName('cm'), ticket_id: null,
      sender: { name: 'Someone', email: o.email ?? null, phone: o.phone ?? null, verified: o.verified ?? true },
      subject: o.channel === 'email' ? 'Question' : null, category: null, priority: null, content: o.content, thread_id: o.thread ?? null,
    }
    await rt.transport.publish([{ topic: Topics.ticketsIncoming, key: o.email ?? o.phone!, value: m }])
    return m
  }
  const form = async (body: Json) => {
    const res = await fetch(`${app.url}/support/submit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Someone', subject: 'Help', category: 'general', ...body }) })
    assert.equal(res.status, 202)
    return ((await res.json()) as { ticket_id: string }).ticket_id
  }
  const lookup = async (q: string) => {
    const r = await fetch(`${app.url}/customers/lookup?${q}`, { headers: agent })
    return r.status === 200 ? ((await r.json()) as Json) : null
  }
  const identified = async (eventId: string) =>
    eventually(async () => (await rt.db.query<{ ticket_id: string; conversation_id: string; customer_id: string }>('SELECT ticket_id, conversation_id, customer_id FROM messages WHERE id = $1 AND customer_id IS NOT NULL', [eventId])).rows[0], {
      what: `message ${eventId} identified`,
    })
  /** The user prompt of the completion that answered `content` (the stand-in records every request). */
  const promptFor = (content: string) =>
    eventually(async () => {
      const call = standIn.requests.find((r) => r.path === '/v1/chat/completions' && JSON.stringify(r.body.messages).includes(content))
      return call ? JSON.stringify(call.body.messages) : null
    }, { what: `the completion for "${content}"` })

  it('refuses the customer-link routes without a staff credential, and their changes to a read-only role', async () => {
    const analyst = (await staffMember(rt.db, 'analyst', 'Ana Lyst')).headers
    const body = JSON.stringify({ survivor: '00000000-0000-4000-8000-000000000001', merged: '00000000-0000-4000-8000-000000000002' })
    const json = { 'content-type': 'application/json' }
    assert.equal((await fetch(`${app.url}/api/customers/suggestions`)).status, 401)
    assert.equal((await fetch(`${app.url}/api/customers/merge`, { method: 'POST', headers: json, body })).status, 401)
    assert.equal((await fetch(`${app.url}/api/customers/suggestions/00000000-0000-4000-8000-000000000003/dismiss`, { method: 'POST' })).status, 401)
    assert.equal((await fetch(`${app.url}/api/customers/suggestions`, { headers: analyst })).status, 200)
    assert.equal((await fetch(`${app.url}/api/customers/merge`, { method: 'POST', headers: { ...analyst, ...json }, body })).status, 403)
    assert.equal((await fetch(`${app.url}/api/customers/suggestions/00000000-0000-4000-8000-000000000003/dismiss`, { method: 'POST', headers: analyst })).status, 403)
    const unknown = await fetch(`${app.url}/api/customers/merge`, { method: 'POST', headers: { ...agent, ...json }, body })
    assert.equal(unknown.status, 404)
    assert.match(((await unknown.json()) as Json).message, /^survivor: no customer/)
  })

  it('marks an identifier verified only when its channel proved it, and claimed otherwise', async () => {
    await inbound({ channel: 'whatsapp', phone: '+14155550301', content: 'How do I reset my password?' })
    await form({ email: 'vera@example.com', message: 'How do I export to CSV?' })
    await inbound({ channel: 'email', email: 'uma@example.com', content: 'How do I invite a team member?', verified: false })
    const byKind = async (q: string) => eventually(async () => (await lookup(q))?.identifiers as Json[] | undefined, { what: q })
    assert.deepEqual((await byKind('phone=%2B14155550301')).map((i) => i.verified), [true], 'Twilio-signed number')
    assert.deepEqual((await byKind('email=vera@example.com')).map((i) => i.verified), [false], 'typed into the web form')
    assert.deepEqual((await byKind('email=uma@example.com')).map((i) => i.verified), [false], 'email whose authentication did not pass')
  })

  it('never continues a conversation on a claim, and the reply remembers nothing it was not proven to', async () => {
    const ada = await inbound({ channel: 'email', email: 'ada.trust@example.com', content: 'Our project code is ZEBRA-4471. How do I export that project to CSV?' })
    const adaPlace = await identified(ada.event_id)
    await promptFor('ZEBRA-4471')

    // A new number that names Ada's address: linked to Ada for staff, but on a conversation of its own.
    const stranger = await inbound({ channel: 'whatsapp', phone: '+14155550302', content: 'hi my email is ada.trust@example.com, what was my project code again?' })
    const strangerPlace = await identified(stranger.event_id)
    assert.equal(strangerPlace.customer_id, adaPlace.customer_id, 'linked: staff see one customer')
    assert.notEqual(strangerPlace.conversation_id, adaPlace.conversation_id, 'Ada\'s conversation is not continued')
    assert.notEqual(strangerPlace.ticket_id, adaPlace.ticket_id)
    assert.doesNotMatch(await promptFor('what was my project code again'), /ZEBRA-4471/, 'the reply to the stranger saw none of Ada\'s history')
    const phone = ((await lookup('phone=%2B14155550302'))!.identifiers as Json[]).find((i) => i.kind === 'phone')!
    assert.equal(phone.verified, false, 'the number joined Ada by a claim: the link is only claimed')

    // The web form typing Ada's address: a new ticket, and the same blank memory.
    await form({ email: 'ada.trust@example.com', message: 'How do I export to CSV? Use the same project code as my earlier message.' })
    assert.doesNotMatch(await promptFor('Use the same project code as my earlier message'), /ZEBRA-4471/)

    // Ada herself, proven again: she continues her conversation and the reply remembers it.
    const again = await inbound({ channel: 'email', email: 'ada.trust@example.com', content: 'Also, can the export include completed tasks?' })
    assert.equal((await identified(again.event_id)).conversation_id, adaPlace.conversation_id)
    assert.match(await promptFor('include completed tasks'), /ZEBRA-4471/, 'a proven follow-up does get its own history')

    // The stranger's number writes again: it continues its own conversation, not Ada's.
    const more = await inbound({ channel: 'whatsapp', phone: '+14155550302', content: 'and how do I change my password?' })
    assert.equal((await identified(more.event_id)).conversation_id, strangerPlace.conversation_id)
    assert.doesNotMatch(await promptFor('and how do I change my password?'), /ZEBRA-4471/)
  })

  it('never merges two customers who already have history: it suggests the link, and a dismissal is kept', async () => {
    await inbound({ channel: 'email', email: 'bo@example.com', content: 'How do I create a recurring task?' })
    await inbound({ channel: 'whatsapp', phone: '+14155550303', content: 'How do I connect Slack?' })
    const [bo, boPhone] = await eventually(async () => {
      const [a, b] = [await lookup('email=bo@example.com'), await lookup('phone=%2B14155550303')]
      return a && b ? [a, b] : null
    }, { what: 'two customers' })
    await inbound({ channel: 'whatsapp', phone: '+14155550303', content: 'my email is bo@example.com - how do I archive a project?' })
    const suggestions = async () => ((await (await fetch(`${app.url}/api/customers/suggestions`, { headers: agent })).json()) as { suggestions: Json[] }).suggestions
    const s = await eventually(async () => (await suggestions()).find((x) => x.customers.some((c: Json) => c.customer_id === bo!.customer_id)), { what: 'the suggestion' })
    assert.deepEqual(s.identifiers, [{ kind: 'email', value: 'bo@example.com' }])
    assert.match(s.reason, /stated in the text/)
    assert.notEqual((await lookup('email=bo@example.com'))!.customer_id, (await lookup('phone=%2B14155550303'))!.customer_id)
    const dismissed = await fetch(`${app.url}/api/customers/suggestions/${s.suggestion_id}/dismiss`, { method: 'POST', headers: agent })
    assert.equal(dismissed.status, 202)
    await eventually(async () => ((await suggestions()).some((x) => x.suggestion_id === s.suggestion_id) ? null : true), { what: 'dismissed' })
    // The same pair meeting again does not bring back what a person dismissed.
    const another = await inbound({ channel: 'whatsapp', phone: '+14155550303', content: 'my email is bo@example.com, and how do I share a board?' })
    await identified(another.event_id)
    assert.equal((await suggestions()).some((x) => x.suggestion_id === s.suggestion_id), false)
    assert.equal((await (await fetch(`${app.url}/api/customers/suggestions/${s.suggestion_id}/dismiss`, { method: 'POST', headers: agent })).status), 409)
    assert.notEqual(boPhone!.customer_id, bo!.customer_id)
  })

  it('re-points every read model when a person merges while a message of the merged customer is in flight', async () => {
    for (const round of [1, 2, 3]) {
      const email = `race${round}@example.com`
      const phone = `+1415555031${round}`
      await inbound({ channel: 'email', email, content: 'How do I export my project to CSV?' })
      await inbound({ channel: 'whatsapp', phone, content: 'How do I turn on two-factor authentication?' })
      const [a, b] = await eventually(async () => {
        const [x, y] = [await lookup(`email=${email}`), await lookup(`phone=${encodeURIComponent(phone)}`)]
        return x && y ? [x.customer_id as string, y.customer_id as string] : null
      }, { what: `round ${round}: two customers` })
      // The merged customer's next message and the merge leave together; either may be handled first.
      const [inFlight, merge] = await Promise.all([
        inbound({ channel: 'whatsapp', phone, content: 'And how do I invite a guest to one project?' }),
        fetch(`${app.url}/api/customers/merge`, { method: 'POST', headers: { ...agent, 'content-type': 'application/json' }, body: JSON.stringify({ survivor: a, merged: b }) }),
      ])
      assert.equal(merge.status, 202)
      await eventually(async () => {
        const row = (await rt.db.query<{ customer_id: string }>('SELECT customer_id FROM messages WHERE id = $1', [inFlight.event_id])).rows[0]
        const replied = (await rt.db.query("SELECT 1 FROM messages WHERE ticket_id = (SELECT ticket_id FROM messages WHERE id = $1) AND direction = 'outbound'", [inFlight.event_id])).rows.length
        return row?.customer_id === a && replied > 0 ? true : null
      }, { what: `round ${round}: the in-flight message answered, on the survivor` })
      const left = async () =>
        (
          await rt.db.query<{ t: string; n: number }>(
            `SELECT 'tickets' AS t, count(*)::int AS n FROM tickets WHERE customer_id = $1
             UNION ALL SELECT 'messages', count(*)::int FROM messages WHERE customer_id = $1
             UNION ALL SELECT 'conversations', count(*)::int FROM conversations WHERE customer_id = $1
             UNION ALL SELECT 'identifiers', count(*)::int FROM customer_identifiers WHERE customer_id = $1
             UNION ALL SELECT 'claims', count(*)::int FROM identity_claims WHERE customer_id = $1`,
            [b],
          )
        ).rows.filter((r) => r.n > 0)
      // Each read model applies the merge on its own, a little behind the log: the messages one
      // having it says nothing of the tickets one. Waited for, and what is left is named if it never comes.
      await eventually(async () => ((await left()).length === 0 ? true : null), { what: `round ${round}: nothing still pointing at the merged customer` }).catch(
        async () => assert.deepEqual(await left(), [], `round ${round}: nothing still points at the merged customer`),
      )
      const survivor = (await lookup(`phone=${encodeURIComponent(phone)}`))!
      assert.equal(survivor.customer_id, a)
      // After a person's merge both links are proven for one customer: the number's next message may continue across channels.
      assert.deepEqual((survivor.identifiers as Json[]).map((i) => `${i.kind}:${i.verified}`).sort(), ['email:true', 'phone:true'])
    }
  })

  it('follows chains of merges: a customer merged into one that is merged in turn ends on the last survivor', async () => {
    const ids: string[] = []
    for (const [i, phone] of ['+14155550321', '+14155550322', '+14155550323'].entries()) {
      await inbound({ channel: 'whatsapp', phone, content: `Question ${i}: how do I export to CSV?` })
      ids.push(await eventually(async () => (await lookup(`phone=${encodeURIComponent(phone)}`))?.customer_id as string | undefined, { what: phone }))
    }
    const merge = (survivor: string, merged: string) =>
      fetch(`${app.url}/api/customers/merge`, { method: 'POST', headers: { ...agent, 'content-type': 'application/json' }, body: JSON.stringify({ survivor, merged }) })
    assert.equal((await merge(ids[1]!, ids[0]!)).status, 202)
    await eventually(async () => ((await lookup('phone=%2B14155550321'))?.customer_id === ids[1] ? true : null), { what: 'first merge' })
    assert.equal((await merge(ids[2]!, ids[1]!)).status, 202)
    const last = await eventually(async () => {
      const v = await lookup('phone=%2B14155550321')
      return v && v.customer_id === ids[2] && v.conversations.length === 3 ? v : null
    }, { what: 'the chain followed' })
    assert.equal((last.identifiers as Json[]).length, 3)
    const tickets = (await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE customer_id = ANY($1::uuid[])', [[ids[0], ids[1]]])).rows[0]!.n
    assert.equal(tickets, 0)
    const bad = await merge(ids[2]!, ids[0]!)
    assert.equal(bad.status, 409, 'merging an already merged customer is refused, naming the field')
    assert.match(((await bad.json()) as Json).message, /^merged: already merged into/)
    const self = await merge(ids[2]!, ids[2]!)
    assert.equal(self.status, 422)
    assert.equal(((await self.json()) as Json).fields[0].field, 'merged')
  })
})
