import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { isIssuedTicketId, newTicketId, parseTicketNumber, stableId, ticketNumber } from './ids.js'

describe('ids', () => {
  it('derives the same version-5 UUID from the same parts, and a different one otherwise', () => {
    assert.equal(stableId('a', 'b'), stableId('a', 'b'))
    assert.notEqual(stableId('a', 'b'), stableId('ab'))
    assert.match(stableId('x'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
  it('recognises ticket ids it issued and rejects forged or altered ones', () => {
    const secret = 'a-secret-of-enough-length'
    const id = newTicketId(secret)
    assert.ok(isIssuedTicketId(secret, id))
    assert.ok(!isIssuedTicketId('another-secret-entirely', id))
    assert.ok(!isIssuedTicketId(secret, id.replace(/.$/, (c) => (c === '0' ? '1' : '0'))))
    assert.ok(!isIssuedTicketId(secret, 'TKT-nonsense'))
  })
  it('gives each ticket a short number a person can read back, however they type it', () => {
    const id = newTicketId('a-secret-of-enough-length')
    const n = ticketNumber(id)
    assert.match(n, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    assert.equal(ticketNumber(id), n, 'derived, not drawn')
    assert.notEqual(ticketNumber(newTicketId('a-secret-of-enough-length')), n)
    assert.equal(parseTicketNumber(` ${n.toLowerCase().replace('-', ' ')} `), n)
    assert.equal(parseTicketNumber('0OIL-1234'), '0011-1234', 'O reads as 0, I and L as 1')
    assert.equal(parseTicketNumber('ABCD-123'), null)
    assert.equal(parseTicketNumber('ABCU-1234'), null, 'U is not in the alphabet')
    assert.equal(parseTicketNumber(id), null, 'a full id is not a number')
  })
})
