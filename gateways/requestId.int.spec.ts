/**
 * The correlation id every request gets: a caller's X-Request-Id is taken only when it is a sane
 * one, since it is echoed back, carried on events and written into every log line. Anything else
 * (too short, too long, markup, spaces) is replaced by a fresh id, and the request goes on.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { gatewayForTests, type GatewayForTests } from '../testing/gateway.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('X-Request-Id', () => {
  let g: GatewayForTests
  before(async () => {
    g = await gatewayForTests()
  })
  after(async () => {
    await g?.close()
  })

  const idFor = async (given: string | null, path = '/health') => {
    const res = await fetch(`${g.url}${path}`, { headers: given === null ? {} : { 'x-request-id': given } })
    await res.arrayBuffer()
    return { status: res.status, id: res.headers.get('x-request-id') }
  }

  it("echoes a caller's sane id", async () => {
    for (const given of ['req-12345678', 'b2c7e1f0-3d4a-4f5b-9c8d-7e6f5a4b3c2d', 'trace.id:ABC_123-x']) {
      assert.deepEqual(await idFor(given), { status: 200, id: given }, given)
    }
  })

  it('replaces a malformed one with a fresh id, and answers the request as usual', async () => {
    const malformed = ['short', 'x'.repeat(65), '<script>alert(1)</script>', 'has spaces in it', 'quote"and;semicolon', '../../etc/passwd']
    const seen = new Set<string>()
    for (const given of malformed) {
      const { status, id } = await idFor(given)
      assert.equal(status, 200, given)
      assert.match(id ?? '', UUID, `${given} -> ${id}`)
      seen.add(id!)
    }
    assert.equal(seen.size, malformed.length, 'each replaced id is new')
    assert.match((await idFor(null)).id ?? '', UUID, 'a request without one gets one')
  })

  it('replaces it on refused requests too', async () => {
    const res = await fetch(`${g.url}/support/submit`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': '<bad id>' }, body: '{}' })
    assert.equal(res.status, 422)
    assert.match(res.headers.get('x-request-id') ?? '', UUID)
  })
})
