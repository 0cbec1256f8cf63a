import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { allowedOrigin, normalizeOrigin } from './cors.js'

describe('CORS origin policy', () => {
  it('normalises configured and requested origins to scheme://host[:port]', () => {
    assert.equal(normalizeOrigin('https://Shop.Example.com/'), 'https://shop.example.com')
    assert.equal(normalizeOrigin('https://shop.example.com:443'), 'https://shop.example.com')
    assert.equal(normalizeOrigin('http://localhost:8080'), 'http://localhost:8080')
    assert.equal(normalizeOrigin('*'), '*')
    assert.equal(normalizeOrigin('not an origin'), null)
  })

  it('allows listed origins only, echoing the origin', () => {
    const list = ['https://shop.example.com', 'http://localhost:8080/']
    assert.equal(allowedOrigin(list, 'https://shop.example.com'), 'https://shop.example.com')
    assert.equal(allowedOrigin(list, 'http://localhost:8080'), 'http://localhost:8080')
    assert.equal(allowedOrigin(list, 'https://evil.example.com'), null)
    assert.equal(allowedOrigin(list, 'http://shop.example.com'), null, 'another scheme is another origin')
    assert.equal(allowedOrigin(list, 'https://shop.example.com.evil.io'), null)
    assert.equal(allowedOrigin(list, undefined), null, 'no Origin header: not a cross-origin browser call')
  })

  it('allows any origin with *, and no other origin with an empty list', () => {
    assert.equal(allowedOrigin(['*'], 'https://anyone.example'), '*')
    assert.equal(allowedOrigin(['*'], 'null'), '*')
    assert.equal(allowedOrigin([], 'https://shop.example.com'), null)
    assert.equal(allowedOrigin(['https://shop.example.com'], 'null'), null, 'sandboxed pages share "null": only * admits them')
  })
})
