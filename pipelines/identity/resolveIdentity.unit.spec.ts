import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { InboundMessage } from '../../schemas/index.js'
import { resolveIdentity, ticketIdFor } from './resolveIdentity.js'
import { normalizeEmail, normalizePhone } from './normalize.js'

const msg = (over: Partial<InboundMessage> = {}): InboundMessage => ({
  event_id: 'e1', occurred_at: 1, channel: 'web_form', channel_message_id: 'c1', ticket_id: null,
  sender: { name: 'Ada', email: 'Ada@Example.com ', phone: null }, subject: 's', category: null, priority: null, content: 'hello', thread_id: null, ...over,
})

describe('resolveIdentity', () => {
  it('names a new customer after the normalised identifier, so concurrent first messages agree', () => {
    const a = resolveIdentity(msg(), null, 10).identified
    const b = resolveIdentity(msg({ event_id: 'e2', sender: { name: 'Ada', email: 'ada@example.com', phone: null } }), null, 20).identified
    assert.equal(a.context.customer_id, b.context.customer_id)
    assert.equal(a.is_new_customer, true)
    assert.deepEqual(a.identifiers, [{ kind: 'email', value: 'ada@example.com' }])
  })

  it('uses the known customer when an identifier is already linked', () => {
    const { identified } = resolveIdentity(msg(), '11111111-1111-5111-8111-111111111111', 10)
    assert.equal(identified.context.customer_id, '11111111-1111-5111-8111-111111111111')
    assert.equal(identified.is_new_customer, false)
  })

  it('keeps the ticket the web form assigned, and derives one otherwise', () => {
    assert.equal(resolveIdentity(msg({ ticket_id: 'TKT-1' }), null, 1).identified.context.ticket_id, 'TKT-1')
    const derived = resolveIdentity(msg(), null, 1)
    assert.equal(derived.identified.context.ticket_id, ticketIdFor(msg()))
    assert.equal(derived.opened.status, 'open')
    assert.equal(derived.opened.ticket_id, derived.identified.context.ticket_id)
  })

  it('produces the same event ids for the same input (safe redelivery)', () => {
    assert.equal(resolveIdentity(msg(), null, 1).identified.event_id, resolveIdentity(msg(), null, 999).identified.event_id)
  })

  it('refuses, permanently, a message with no email or phone', () => {
    assert.throws(() => resolveIdentity(msg({ sender: { name: 'x', email: 'not-an-email', phone: null } }), null, 1), (e: Error & { retriable?: boolean }) => e.retriable === false)
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
})
