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

export class CircuitOpenError extends Error {
  readonly retriable = true
  constructor(name: string, retryInMs: number) {
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
        return out
      } catch (err) {
        failures++
        if (failures >= threshold) openedAt = now()
        throw err
      } finally {
        trial = false
      }
    },
  }
}
