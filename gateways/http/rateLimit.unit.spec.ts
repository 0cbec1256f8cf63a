import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { SlidingWindowLimiter } from './rateLimit.js'

const clock = (start = 1_000_000) => {
  const c = { t: start, now: () => c.t }
  return c
}

describe('sliding-window rate limiter', () => {
  it('allows `limit` hits per window, then refuses with the time until the oldest ages out', () => {
    const c = clock()
    const l = new SlidingWindowLimiter({ limit: 3, windowMs: 60_000, now: c.now })
    assert.deepEqual(l.take('a'), { allowed: true, remaining: 2 })
    c.t += 10_000
    assert.deepEqual(l.take('a'), { allowed: true, remaining: 1 })
    c.t += 10_000
    assert.deepEqual(l.take('a'), { allowed: true, remaining: 0 })
    c.t += 5_000
    assert.deepEqual(l.take('a'), { allowed: false, retryAfterMs: 35_000 })
  })

  it('slides: a slot frees exactly when the oldest hit is a window old, not at a minute boundary', () => {
    const c = clock()
    const l = new SlidingWindowLimiter({ limit: 2, windowMs: 60_000, now: c.now })
    l.take('a')
    c.t += 30_000
    l.take('a')
    c.t += 29_999
    assert.equal(l.take('a').allowed, false)
    c.t += 1
    assert.equal(l.take('a').allowed, true, 'the first hit is now outside the window')
    assert.equal(l.take('a').allowed, false, 'the second one is not')
  })

  it('does not count refused hits, so hammering does not extend the wait', () => {
    const c = clock()
    const l = new SlidingWindowLimiter({ limit: 1, windowMs: 1_000, now: c.now })
    l.take('a')
    for (let i = 0; i < 100; i++) {
      c.t += 5
      l.take('a')
    }
    c.t = 1_000_000 + 1_000
    assert.equal(l.take('a').allowed, true)
  })

  it('keeps clients apart', () => {
    const l = new SlidingWindowLimiter({ limit: 1, windowMs: 60_000, now: () => 0 })
    assert.equal(l.take('203.0.113.1').allowed, true)
    assert.equal(l.take('203.0.113.1').allowed, false)
    assert.equal(l.take('203.0.113.2').allowed, true)
  })

  it('forgets idle clients after a window, and never remembers more than maxKeys', () => {
    const c = clock()
    const l = new SlidingWindowLimiter({ limit: 5, windowMs: 1_000, maxKeys: 3, now: c.now })
    for (const ip of ['a', 'b', 'c', 'd']) l.take(ip)
    assert.equal(l.size, 3, 'the longest-known client was dropped for the newest')
    c.t += 1_001
    l.take('e')
    assert.equal(l.size, 1, 'only the client active in the last window is kept')
  })

  it('never allows more than `limit` hits in any window, and refuses only when `limit` were allowed (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3_000 }), fc.constantFrom('a', 'b')), { maxLength: 60 }),
        (limit, windowMs, steps) => {
          const c = clock(0)
          const l = new SlidingWindowLimiter({ limit, windowMs, now: c.now })
          const allowed: Record<string, number[]> = { a: [], b: [] }
          for (const [gap, key] of steps) {
            c.t += gap
            const inWindow = allowed[key]!.filter((t) => t > c.t - windowMs).length
            const v = l.take(key)
            if (v.allowed) allowed[key]!.push(c.t)
            // Exact: allowed iff fewer than `limit` allowed hits in the trailing window.
            assert.equal(v.allowed, inWindow < limit)
            if (!v.allowed) assert.ok(v.retryAfterMs > 0 && v.retryAfterMs <= windowMs)
          }
        },
      ),
    )
  })
})
