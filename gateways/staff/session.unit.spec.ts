import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { fromOwnOrigin, namesForeignOrigin, SESSION_TTL_MS, signSession, verifySession } from './session.js'

const secret = randomBytes(32)
const id = randomBytes(24).toString('base64url')
const now = Date.parse('2026-03-01T09:00:00Z')
const claims = { id, expiresAt: now + SESSION_TTL_MS }

describe('session cookie', () => {
  it('verifies what it signed, until it expires', () => {
    const cookie = signSession(secret, claims)
    assert.match(cookie, /^v1\.[A-Za-z0-9_-]{32}\.\d+\.[A-Za-z0-9_-]{43}$/)
    assert.deepEqual(verifySession(secret, cookie, now), claims)
    assert.deepEqual(verifySession(secret, cookie, claims.expiresAt - 1), claims)
    assert.equal(verifySession(secret, cookie, claims.expiresAt), null, 'expired at the instant it says')
    assert.equal(verifySession(secret, cookie, claims.expiresAt + 60_000), null)
  })

  it('lasts twelve hours', () => {
    assert.equal(SESSION_TTL_MS, 12 * 3600 * 1000)
  })

  it('refuses a cookie signed with another secret', () => {
    assert.equal(verifySession(randomBytes(32), signSession(secret, claims), now), null)
  })

  it('refuses any edit: a later expiry, another id, a changed or truncated signature, another version', () => {
    const cookie = signSession(secret, claims)
    const [v, i, exp, mac] = cookie.split('.') as [string, string, string, string]
    const other = randomBytes(24).toString('base64url')
    const flipped = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1)
    for (const forged of [
      [v, i, String(Number(exp) + SESSION_TTL_MS), mac],
      [v, other, exp, mac],
      [v, i, exp, flipped],
      [v, i, exp, mac.slice(0, -1)],
      ['v2', i, exp, mac],
    ]) {
      assert.equal(verifySession(secret, forged.join('.'), now), null, forged.join('.'))
    }
  })

  it('refuses what is not a cookie of ours at all', () => {
    for (const junk of [undefined, '', 'v1', 'v1...', 'a.b.c.d', `v1.${id}.soon.${'x'.repeat(43)}`, `v1.${id}.1.2.3`, `v1.${id}.${'9'.repeat(400)}.${'x'.repeat(43)}`]) {
      assert.equal(verifySession(secret, junk, now), null, String(junk))
    }
  })
})

describe('same-origin check for cookie-borne unsafe requests', () => {
  const own = ['http://127.0.0.1:3000', 'https://support.example.com']

  it('accepts our own pages: a matching Origin, or Sec-Fetch-Site same-origin', () => {
    assert.equal(fromOwnOrigin({ origin: 'http://127.0.0.1:3000', secFetchSite: 'same-origin' }, own), true)
    assert.equal(fromOwnOrigin({ origin: 'https://SUPPORT.example.com:443' }, own), true, 'the same origin, spelled differently')
    assert.equal(fromOwnOrigin({ secFetchSite: 'same-origin' }, own), true)
    assert.equal(fromOwnOrigin({ origin: 'null', secFetchSite: 'same-origin' }, own), true, 'our no-referrer pages post with Origin: null')
  })

  it('refuses another site, a sibling subdomain, an opaque origin, and a request that names no origin', () => {
    assert.equal(fromOwnOrigin({ origin: 'https://evil.example' }, own), false)
    assert.equal(fromOwnOrigin({ origin: 'https://evil.support.example.com', secFetchSite: 'same-site' }, own), false)
    assert.equal(fromOwnOrigin({ origin: 'http://127.0.0.1:3000', secFetchSite: 'cross-site' }, own), false, 'the browser says it is cross-site')
    assert.equal(fromOwnOrigin({ origin: 'null' }, own), false)
    assert.equal(fromOwnOrigin({ origin: 'garbage' }, own), false)
    assert.equal(fromOwnOrigin({ secFetchSite: 'none' }, own), false)
    assert.equal(fromOwnOrigin({}, own), false)
  })

  it('the sign-in form refuses only what the browser names as foreign', () => {
    assert.equal(namesForeignOrigin({}, own), false, 'plain http away from localhost: nothing is said')
    assert.equal(namesForeignOrigin({ origin: 'null' }, own), false)
    assert.equal(namesForeignOrigin({ origin: 'http://127.0.0.1:3000', secFetchSite: 'same-origin' }, own), false)
    assert.equal(namesForeignOrigin({ origin: 'https://evil.example' }, own), true)
    assert.equal(namesForeignOrigin({ secFetchSite: 'cross-site' }, own), true)
    assert.equal(namesForeignOrigin({ secFetchSite: 'same-site' }, own), true)
  })
})
