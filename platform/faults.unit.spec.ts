import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { backoffMs, classifyFailure } from './faults.js'
import { PermanentError } from './transport/contract.js'

const withProps = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props)
const named = (name: string, props: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...props })

describe('failure kinds', () => {
  it('reads infrastructure that is away as transient', () => {
    const transient = [
      withProps('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }),
      withProps('terminating connection due to administrator command', { code: '57P01' }),
      withProps('the database system is starting up', { code: '57P03' }),
      withProps('could not serialize access', { code: '40001' }),
      withProps('too many clients already', { code: '53300' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      // pg over IPv4 and IPv6 at once, and fetch, wrap the socket's error.
      Object.assign(new AggregateError([withProps('connect ECONNREFUSED ::1:5432', { code: 'ECONNREFUSED' })], ''), {}),
      new TypeError('fetch failed', { cause: withProps('connect ECONNREFUSED', { code: 'ECONNREFUSED' }) }),
      named('KafkaJSNumberOfRetriesExceeded', { retriable: false }),
      named('KafkaJSConnectionError', { retriable: true }),
      named('KafkaJSProtocolError', { retriable: true, type: 'LEADER_NOT_AVAILABLE' }),
      withProps('Service Unavailable', { status: 503 }),
      withProps('Too Many Requests', { status: 429 }),
      withProps('gaxios', { response: { status: 502 } }),
      named('APIConnectionTimeoutError'),
      named('TimeoutError'),
    ]
    for (const err of transient) assert.equal(classifyFailure(err), 'transient', `${err.name}: ${err.message}`)
  })

  it('reads refusals that retrying cannot change as permanent, and the rest as unknown', () => {
    assert.equal(classifyFailure(new PermanentError('Twilio refused: 21211')), 'permanent')
    assert.equal(classifyFailure(withProps('Bad Request', { status: 400 })), 'unknown', 'a bare 4xx is not ours to judge: senders mark theirs')
    assert.equal(classifyFailure(new TypeError("Cannot read properties of undefined (reading 'id')")), 'unknown')
    assert.equal(classifyFailure(withProps('duplicate key value violates unique constraint', { code: '23505' })), 'unknown')
    assert.equal(classifyFailure(named('KafkaJSInvariantViolation', { retriable: false })), 'unknown')
    assert.equal(classifyFailure('a string'), 'unknown')
    assert.equal(classifyFailure(null), 'unknown')
  })
})

describe('backoff', () => {
  it('doubles from the base, stays under the cap, and jitters within the upper half', () => {
    assert.equal(backoffMs(1, 100, 10_000, undefined, () => 0), 50)
    assert.equal(backoffMs(1, 100, 10_000, undefined, () => 1), 100)
    assert.equal(backoffMs(4, 100, 10_000, undefined, () => 1), 800)
    assert.equal(backoffMs(40, 100, 10_000, undefined, () => 1), 10_000)
    assert.equal(backoffMs(40, 100, 10_000, undefined, () => 0), 5_000)
    // An open breaker's remaining cool-down replaces the exponential, capped the same way.
    assert.equal(backoffMs(1, 100, 10_000, 6_000, () => 1), 6_000)
    assert.equal(backoffMs(1, 100, 10_000, 60_000, () => 1), 10_000)
  })
})
