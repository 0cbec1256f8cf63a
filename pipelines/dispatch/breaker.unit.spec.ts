import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { circuitBreaker, CircuitOpenError } from './breaker.js'

describe('circuit breaker', () => {
  it('opens after consecutive failures, fails fast while open, and closes after a successful trial', async () => {
    let t = 0
    const b = circuitBreaker('email', { failureThreshold: 2, coolDownMs: 10_000, maxWaitMs: 0, now: () => t })
    const fail = () => Promise.reject(new Error('provider down'))
    await assert.rejects(b.call(fail), /provider down/)
    assert.equal(b.state, 'closed')
    await assert.rejects(b.call(fail), /provider down/)
    assert.equal(b.state, 'open')
    let called = false
    await assert.rejects(b.call(async () => (called = true)), CircuitOpenError)
    assert.equal(called, false, 'no call reaches the provider while open')
    t = 10_000
    assert.equal(b.state, 'half-open')
    assert.equal(await b.call(async () => 'ok'), 'ok')
    assert.equal(b.state, 'closed')
  })

  it('waits out a short cool-down instead of failing', async () => {
    const b = circuitBreaker('sms', { failureThreshold: 1, coolDownMs: 30, maxWaitMs: 1000 })
    await assert.rejects(b.call(() => Promise.reject(new Error('x'))))
    assert.equal(await b.call(async () => 'after the wait'), 'after the wait')
  })
})
