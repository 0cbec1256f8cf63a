import { metrics } from '../../platform/metrics.js'
import { classifyFailure } from '../../platform/faults.js'

/**
 * A circuit breaker per channel. After `failureThreshold` consecutive failures the circuit opens:
 * calls wait (up to `maxWaitMs`) for the cool-down instead of hammering a provider that is down,
 * then one trial call goes through (half-open); success closes the circuit again. State is per
 * process on purpose: each pod judges the provider from its own calls.
 */
export interface CircuitBreaker {
  readonly state: 'closed' | 'open' | 'half-open'
  call<T>(fn: () => Promise<T>): Promise<T>
}

/**
 * Transient by definition: delivery waits `retryInMs` (the rest of the cool-down) and tries the
 * reply again, so while a provider is down its channel's replies are delayed, never dropped.
 */
export class CircuitOpenError extends Error {
  readonly retriable = true
  constructor(name: string, readonly retryInMs: number) {
    super(`${name} circuit is open after repeated failures; retry in ${Math.ceil(retryInMs / 1000)} s`)
    this.name = 'CircuitOpenError'
  }
}

export function circuitBreaker(name: string, opts: { failureThreshold?: number; coolDownMs?: number; maxWaitMs?: number; now?: () => number } = {}): CircuitBreaker {
  const threshold = opts.failureThreshold ?? 5
  const coolDown = opts.coolDownMs ?? 30_000
  const maxWait = opts.maxWaitMs ?? 5_000
  const now = opts.now ?? Date.now
  let failures = 0
  let openedAt = 0
  let trial = false
  // Every channel shows on the dashboard from the start: a missing series would read as "unknown".
  metrics.breakerOpen.set({ channel: name }, 0)
  const state = (): CircuitBreaker['state'] => (failures < threshold ? 'closed' : now() - openedAt >= coolDown ? 'half-open' : 'open')
  return {
    get state() {
      return state()
    },
    async call(fn) {
      if (state() === 'open') {
        const wait = coolDown - (now() - openedAt)
        if (wait > maxWait) throw new CircuitOpenError(name, wait)
        await new Promise((r) => setTimeout(r, wait))
      }
      if (state() === 'half-open') {
        // One trial at a time while half-open; others wait for its outcome by failing fast.
        if (trial) throw new CircuitOpenError(name, 1000)
        trial = true
      }
      try {
        const out = await fn()
        failures = 0
        metrics.breakerOpen.set({ channel: name }, 0)
        return out
      } catch (err) {
        // A refusal of one reply (a bad number, a body too long) says nothing about the provider.
        if (classifyFailure(err) === 'permanent') throw err
        failures++
        if (failures >= threshold) {
          openedAt = now()
          metrics.breakerOpen.set({ channel: name }, 1)
        }
        throw err
      } finally {
        trial = false
      }
    },
  }
}
