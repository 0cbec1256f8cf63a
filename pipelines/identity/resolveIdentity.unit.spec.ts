import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { InboundMessage } from '../../schemas/index.js'
import { candidateCustomerId, resolveIdentity, ticketIdFor, CONVERSATION_WINDOW_MS, type IdentityFacts } from './resolveIdentity.js'
import { normalizeEmail, normalizePhone } from '../../platform/identifiers.js'
import { statedIdentifiers } from './statedIdentifiers.js'

const HOUR = 3_600_000
const msg = (over: Partial<InboundMessage> = {}): InboundMessage => ({
  event_id: 'e1', occurred_at: 100 * HOUR, channel: 'email', channel_message_id: 'c1', ticket_id: null,
  sender: { name: 'Ada', email: 'Ada@Example.com ', phone: null }, subject: 's', category: null, priority: null, content: 'hello', thread_id: null, ...over,
})
const ADA = candidateCustomerId({ kind: 'email', value: 'ada@example.com' })
const facts = (over: Partial<IdentityFacts> = {}): IdentityFacts => ({
  owners: [{ customer_id: ADA, claimed_at: 1, kinds: [{ kind: 'email', value: 'ada@example.com' }] }],
  newCustomer: true,
  head: null,
  ...over,
})

describe('resolveIdentity', () => {
  it('names a new customer after the normalised identifier, so concurrent first messages agree', () => {
    const a = resolveIdentity(msg(), facts(), 10).identified
    assert.equal(a.context.customer_id, ADA)
    assert.equal(a.is_new_customer, true)
    assert.deepEqual(a.identifiers, [{ kind: 'email', value: 'ada@example.com' }])
  })

  it('merges customers when identifiers that arrive together belong to different ones; the oldest survives', () => {
    const phoneOwner = '22222222-2222-5222-8222-222222222222'
    const d = resolveIdentity(
      msg({ channel: 'web_form', ticket_id: 'TKT-1', sender: { name: 'Ada', email: 'ada@example.com', phone: '+14155550100' } }),
      facts({
        owners: [
          { customer_id: phoneOwner, claimed_at: 1, kinds: [{ kind: 'phone', value: '+14155550100' }] },
          { customer_id: ADA, claimed_at: 5, kinds: [{ kind: 'email', value: 'ada@example.com' }] },
        ],
        newCustomer: false,
      }),
      10,
    )
    assert.equal(d.identified.context.customer_id, phoneOwner)
    assert.deepEqual(d.merged?.merged_ids, [ADA])
    assert.deepEqual(d.identified.merged_customer_ids, [ADA])
  })

  it('attaches a sender to the customer whose email they state, without merging two existing customers', () => {
    const stranger = resolveIdentity(
      msg({ channel: 'whatsapp', sender: { name: 'A', email: null, phone: '+14155550100' }, content: 'hi, my email is ada@example.com' }),
      facts({
        owners: [
          { customer_id: ADA, claimed_at: 1, kinds: [{ kind: 'email', value: 'ada@example.com' }] },
          { customer_id: 'phone-owner', claimed_at: 2, kinds: [{ kind: 'phone', value: '+14155550100' }] },
        ],
        newCustomer: false,
      }),
      10,
    )
    assert.equal(stranger.identified.context.customer_id, 'phone-owner', 'the phone already belongs to someone: no merge on a stated email')
    assert.equal(stranger.merged, null)

    const fresh = resolveIdentity(
      msg({ channel: 'whatsapp', sender: { name: 'A', email: null, phone: '+14155550100' }, content: 'hi, my email is ada@example.com' }),
      facts({ owners: [{ customer_id: ADA, claimed_at: 1, kinds: [{ kind: 'email', value: 'ada@example.com' }] }], newCustomer: false }),
      10,
    )
    assert.equal(fresh.identified.context.customer_id, ADA, 'a new number stating a known email joins that customer')
    assert.deepEqual(fresh.claim, [{ kind: 'phone', value: '+14155550100' }])
  })

  it('continues the open conversation across channels within the window, and opens a new one after it', () => {
    const head = { conversation_id: 'conv-1', ticket_id: 'T-1', thread_id: null, last_message_at: 99 * HOUR, ticket_closed: false, opened_by: 'e0' }
    const cont = resolveIdentity(msg({ channel: 'whatsapp', sender: { name: 'A', email: 'ada@example.com', phone: null } }), facts({ head }), 10)
    assert.equal(cont.identified.continued, true)
    assert.equal(cont.identified.context.ticket_id, 'T-1')
    assert.equal(cont.opened, null)
    const late = resolveIdentity(msg({ occurred_at: 99 * HOUR + CONVERSATION_WINDOW_MS + 1 }), facts({ head }), 10)
    assert.equal(late.identified.continued, false)
    assert.equal(late.opened?.status, 'open')
    const closed = resolveIdentity(msg(), facts({ head: { ...head, ticket_closed: true } }), 10)
    assert.equal(closed.identified.continued, false)
    const sameThread = resolveIdentity(msg({ thread_id: 'th', occurred_at: 1000 * HOUR }), facts({ head: { ...head, thread_id: 'th' } }), 10)
    assert.equal(sameThread.identified.continued, true, 'an email in the same thread continues whatever its age')
  })

  it('always opens a new ticket for a web-form submission, with the id it promised', () => {
    const head = { conversation_id: 'conv-1', ticket_id: 'T-1', thread_id: null, last_message_at: 99 * HOUR, ticket_closed: false, opened_by: 'e0' }
    const d = resolveIdentity(msg({ channel: 'web_form', ticket_id: 'TKT-9' }), facts({ head }), 10)
    assert.equal(d.identified.context.ticket_id, 'TKT-9')
    assert.equal(d.identified.is_new_ticket, true)
  })

  it('does not let a redelivered first message continue its own conversation', () => {
    const m = msg()
    const head = { conversation_id: 'c', ticket_id: ticketIdFor(m), thread_id: null, last_message_at: m.occurred_at, ticket_closed: false, opened_by: m.event_id }
    assert.equal(resolveIdentity(m, facts({ head }), 1).identified.is_new_ticket, true)
  })

  it('refuses, permanently, a message with no email or phone', () => {
    assert.throws(() => resolveIdentity(msg({ sender: { name: 'x', email: 'not-an-email', phone: null } }), facts(), 1), (e: Error & { retriable?: boolean }) => e.retriable === false)
  })
})

describe('normalisation', () => {
  it('lower-cases emails and rejects malformed ones', () => {
    assert.equal(normalizeEmail('  Bob.Smith+Billing@Example.COM '), 'bob.smith+billing@example.com')
    assert.equal(normalizeEmail('bob@'), null)
  })
  it('reduces phones to E.164 and rejects local numbers', () => {
    assert.equal(normalizePhone('whatsapp:+1 (415) 555-0100'), '+14155550100')
    assert.equal(normalizePhone('0415 555 0100'), null)
  })
  it('takes identifiers the customer states as their own, not other addresses in the text', () => {
    assert.deepEqual(statedIdentifiers('Hi! My email is Ada@Example.com. Also add bob@corp.com to the board. My number is +44 20 7946 0958'), [
      { kind: 'email', value: 'ada@example.com' },
      { kind: 'phone', value: '+442079460958' },
    ])
  })
})
