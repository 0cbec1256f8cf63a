import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { isIssuedTicketId, newTicketId, stableId } from './ids.js'

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
})
