import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { InboundMessage } from '../../schemas/index.js'
import { candidateCustomerId, resolveIdentity, suggestionIdFor, ticketIdFor, CONVERSATION_WINDOW_MS, type IdentityFacts } from './resolveIdentity.js'
import { normalizeEmail, normalizePhone, provenIdentifiers } from '../../platform/identifiers.js'
import { statedIdentifiers } from './statedIdentifiers.js'

const HOUR = 3_600_000
const ADA_EMAIL = { kind: 'email', value: 'ada@example.com' } as const
const PHONE = { kind: 'phone', value: '+14155550100' } as const
const msg = (over: Partial<InboundMessage> = {}): InboundMessage => ({
  event_id: 'e1', occurred_at: 100 * HOUR, channel: 'email', channel_message_id: 'c1', ticket_id: null,
  sender: { name: 'Ada', email: 'Ada@Example.com ', phone: null, verified: true }, subject: 's', category: null, priority: null, content: 'hello', thread_id: null, ...over,
})
const whatsapp = (content = 'hello', over: Partial<InboundMessage> = {}) =>
  msg({ channel: 'whatsapp', sender: { name: 'A', email: null, phone: '+14155550100', verified: true }, content, ...over })
const ADA = candidateCustomerId(ADA_EMAIL)
const OTHER = '22222222-2222-5222-8222-222222222222'
const facts = (over: Partial<IdentityFacts> = {}): IdentityFacts => ({
  owners: [{ customer_id: ADA, claimed_at: 1, kinds: [{ ...ADA_EMAIL, verified: true }] }],
  newCustomer: true,
  provenLinks: { [ADA]: ['email:ada@example.com'] },
  heads: [],
  ...over,
})
const adaHead = { customer_id: ADA, conversation_id: 'conv-1', ticket_id: 'T-1', thread_id: null, last_message_at: 99 * HOUR, ticket_closed: false, opened_by: 'e0', proven_by: ['email:ada@example.com'] }

describe('resolveIdentity', () => {
  it('names a new customer after the normalised identifier, so concurrent first messages agree', () => {
    const a = resolveIdentity(msg(), facts(), 10).identified
    assert.equal(a.context.customer_id, ADA)
    assert.equal(a.is_new_customer, true)
    assert.deepEqual(a.identifiers, [ADA_EMAIL])
    assert.deepEqual(a.verified_identifiers, [ADA_EMAIL], 'an authenticated sender that created the customer is proven')
  })

  it('never merges two customers who already exist: the other one becomes a suggested link', () => {
    const d = resolveIdentity(
      msg({ channel: 'web_form', ticket_id: 'TKT-1', sender: { name: 'Ada', email: 'ada@example.com', phone: '+14155550100', verified: false } }),
      facts({
        owners: [
          { customer_id: OTHER, claimed_at: 1, kinds: [{ ...PHONE, verified: true }] },
          { customer_id: ADA, claimed_at: 5, kinds: [{ ...ADA_EMAIL, verified: true }] },
        ],
        newCustomer: false,
      }),
      10,
    )
    assert.equal(d.identified.context.customer_id, OTHER, 'attributed to the oldest owner, for staff to see')
    assert.deepEqual(d.identified.merged_customer_ids, [])
    assert.deepEqual(d.identified.verified_identifiers, [], 'a web form proves nothing')
    assert.equal(d.suggestions.length, 1)
    assert.deepEqual(d.suggestions[0]!.customer_ids, [OTHER, ADA])
    assert.deepEqual(d.suggestions[0]!.identifiers, [ADA_EMAIL])
    assert.equal(d.suggestions[0]!.state, 'suggested')
    assert.equal(d.suggestions[0]!.suggestion_id, suggestionIdFor(ADA, OTHER), 'one suggestion per pair, whichever way round')
  })

  it('keeps a known number on its own customer when it states another customer\'s email, and suggests the link', () => {
    const d = resolveIdentity(
      whatsapp('hi, my email is ada@example.com'),
      facts({
        owners: [
          { customer_id: ADA, claimed_at: 1, kinds: [{ ...ADA_EMAIL, verified: true }] },
          { customer_id: OTHER, claimed_at: 2, kinds: [{ ...PHONE, verified: true }] },
        ],
        newCustomer: false,
        heads: [adaHead],
      }),
      10,
    )
    assert.equal(d.identified.context.customer_id, OTHER)
    assert.equal(d.identified.continued, false)
    assert.deepEqual(d.suggestions.map((s) => s.customer_ids), [[OTHER, ADA]])
  })

  it('links a new number that states a known email to that customer, as a claim that continues nothing', () => {
    const d = resolveIdentity(
      whatsapp('hi, my email is ada@example.com'),
      // The stage has already claimed the number for Ada (unproven: it joined by naming her email).
      facts({ owners: [{ customer_id: ADA, claimed_at: 1, kinds: [{ ...ADA_EMAIL, verified: true }, { ...PHONE, verified: false }] }], newCustomer: false, heads: [adaHead] }),
      10,
    )
    assert.equal(d.identified.context.customer_id, ADA, 'linked, for staff and analytics')
    assert.equal(d.identified.continued, false, 'Ada\'s open conversation is not theirs to continue')
    assert.notEqual(d.identified.context.conversation_id, 'conv-1')
    assert.deepEqual(d.identified.verified_identifiers, [])
    assert.deepEqual(d.provenBy, ['phone:+14155550100'], 'their own conversation is proven by their number')
  })

  it('continues a conversation its own proven identifier wrote in, within the window or in the same thread', () => {
    const cont = resolveIdentity(msg(), facts({ heads: [adaHead] }), 10)
    assert.equal(cont.identified.continued, true)
    assert.equal(cont.identified.context.ticket_id, 'T-1')
    assert.equal(cont.opened, null)
    const late = resolveIdentity(msg({ occurred_at: 99 * HOUR + CONVERSATION_WINDOW_MS + 1 }), facts({ heads: [adaHead] }), 10)
    assert.equal(late.identified.continued, false)
    assert.equal(late.opened?.status, 'open')
    const closed = resolveIdentity(msg(), facts({ heads: [{ ...adaHead, ticket_closed: true }] }), 10)
    assert.equal(closed.identified.continued, false)
    const sameThread = resolveIdentity(msg({ thread_id: 'th', occurred_at: 1000 * HOUR }), facts({ heads: [{ ...adaHead, thread_id: 'th' }] }), 10)
    assert.equal(sameThread.identified.continued, true, 'an email in the same thread continues whatever its age')
  })

  it('does not continue on an unauthenticated email, even from the owner\'s address', () => {
    const d = resolveIdentity(msg({ sender: { name: 'Ada', email: 'ada@example.com', phone: null, verified: false } }), facts({ heads: [adaHead] }), 10)
    assert.equal(d.identified.continued, false)
    assert.equal(d.identified.context.customer_id, ADA, 'still linked to the customer who owns the address')
    assert.deepEqual(d.provenBy, [])
  })

  it('continues across channels only once a person merged the two: both links proven for one customer', () => {
    const owners = [{ customer_id: ADA, claimed_at: 1, kinds: [{ ...PHONE, verified: true }] }]
    const separate = resolveIdentity(whatsapp(), facts({ owners, newCustomer: false, provenLinks: { [ADA]: ['phone:+14155550100'] }, heads: [adaHead] }), 10)
    assert.equal(separate.identified.continued, false)
    const merged = resolveIdentity(
      whatsapp(),
      facts({ owners, newCustomer: false, provenLinks: { [ADA]: ['email:ada@example.com', 'phone:+14155550100'] }, heads: [adaHead] }),
      10,
    )
    assert.equal(merged.identified.continued, true)
    assert.equal(merged.identified.context.conversation_id, 'conv-1')
  })

  it('always opens a new ticket for a web-form submission, with the id it promised, and proves nothing even if told so', () => {
    const d = resolveIdentity(msg({ channel: 'web_form', ticket_id: 'TKT-9', sender: { name: 'Ada', email: 'ada@example.com', phone: null, verified: true } }), facts({ heads: [adaHead] }), 10)
    assert.equal(d.identified.context.ticket_id, 'TKT-9')
    assert.equal(d.identified.is_new_ticket, true)
    assert.deepEqual(provenIdentifiers(d.identified.context.inbound), [])
  })

  it('does not let a redelivered first message continue its own conversation', () => {
    const m = msg()
    const head = { ...adaHead, ticket_id: ticketIdFor(m), last_message_at: m.occurred_at, opened_by: m.event_id }
    assert.equal(resolveIdentity(m, facts({ heads: [head] }), 1).identified.is_new_ticket, true)
  })

  describe('a follow-up from the web status page', () => {
    const followUp = (over: Partial<InboundMessage> = {}) =>
      msg({ channel: 'web_form', event_id: 'f1', channel_message_id: 'FUP-1', follow_up_of: 'TKT-old', sender: { name: 'Ada', email: 'ada@example.com', phone: null, verified: false }, ...over })
    const followed = { customer_id: OTHER, conversation_id: 'conv-old', ticket_id: 'TKT-old', ticket_closed: false }

    it("continues the ticket it names, as that ticket's customer, though the web form proves nothing", () => {
      const d = resolveIdentity(followUp(), facts({ newCustomer: false, followed }), 1)
      assert.equal(d.identified.context.ticket_id, 'TKT-old')
      assert.equal(d.identified.context.conversation_id, 'conv-old')
      assert.equal(d.identified.context.customer_id, OTHER, 'the link and address stand for the ticket, whoever else owns the address')
      assert.equal(d.identified.is_new_ticket, false)
      assert.equal(d.identified.continued, true)
      assert.equal(d.opened, null)
      assert.deepEqual(d.identified.verified_identifiers, [])
    })

    it('opens a new ticket for the same customer when the one it names is resolved', () => {
      const m = followUp()
      const d = resolveIdentity(m, facts({ newCustomer: false, followed: { ...followed, ticket_closed: true } }), 1)
      assert.equal(d.identified.context.ticket_id, ticketIdFor(m))
      assert.notEqual(d.identified.context.conversation_id, 'conv-old')
      assert.equal(d.identified.context.customer_id, OTHER)
      assert.equal(d.identified.is_new_ticket, true)
      assert.equal(d.opened?.ticket_id, ticketIdFor(m))
    })

    it('needs the web form: another channel naming follow_up_of continues nothing by it', () => {
      const d = resolveIdentity(followUp({ channel: 'email', sender: { name: 'Ada', email: 'ada@example.com', phone: null, verified: false } }), facts({ followed }), 1)
      assert.equal(d.identified.is_new_ticket, true)
      assert.equal(d.identified.context.customer_id, ADA)
    })
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
