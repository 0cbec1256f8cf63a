import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { circuitBreaker, CircuitOpenError } from './breaker.js'
import { PermanentError } from '../../platform/transport/contract.js'

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

  it('does not open for refusals of one reply, and says how long the cool-down has left', async () => {
    let t = 0
    const b = circuitBreaker('whatsapp', { failureThreshold: 1, coolDownMs: 10_000, maxWaitMs: 0, now: () => t })
    await assert.rejects(b.call(() => Promise.reject(new PermanentError('not a valid phone number'))), PermanentError)
    assert.equal(b.state, 'closed', 'a bad recipient is not the provider being down')
    await assert.rejects(b.call(() => Promise.reject(Object.assign(new Error('Service Unavailable'), { status: 503 }))))
    t = 4_000
    await assert.rejects(b.call(async () => 'never'), (e: CircuitOpenError) => e.retriable && e.retryInMs === 6_000)
  })
})
