import { metrics } from './metrics.js'

/** A partition held back by a transient fault: its event is being retried, nothing after it runs. */
export interface Stall {
  group: string
  topic: string
  partition: number
  since: number
  attempts: number
  error: string
}

/**
 * What a process knows of its own health, for GET /ready: whether it has started and is not
 * shutting down, which partitions wait on a transient fault, and named checks of what it depends
 * on (the database, the broker and registry). Liveness (GET /health) needs none of this: a
 * process that can answer is alive, and restarting it would not bring a database back.
 */
export interface Health {
  /** Delivery reports a partition waiting on a fault, and again on every retry. */
  stalled(s: Stall): void
  /** ...and when its event finally passed (or the subscription stopped). */
  recovered(group: string, topic: string, partition: number): void
  stalls(): Stall[]
  /** A dependency check: resolves when reachable, rejects (with why) when not. Answers its removal. */
  addCheck(name: string, check: () => Promise<void>): () => void
  started(): void
  /** SIGTERM: from now on the process is not ready, so the load balancer and Kafka move on. */
  drain(): void
  readonly draining: boolean
  readiness(timeoutMs?: number): Promise<Readiness>
}

export interface Readiness {
  ready: boolean
  state: 'starting' | 'ready' | 'degraded' | 'draining'
  checks: Record<string, 'ok' | string>
  stalled: { group: string; topic: string; partition: number; for_ms: number; attempts: number; error: string }[]
}

const key = (group: string, topic: string, partition: number) => `${group}\u0000${topic}\u0000${partition}`

export function createHealth(now: () => number = Date.now): Health {
  const stalls = new Map<string, Stall>()
  const checks = new Map<string, () => Promise<void>>()
  let isStarted = false
  let isDraining = false
  const gauge = () => {
    const perGroup = new Map<string, number>()
    for (const s of stalls.values()) perGroup.set(s.group, (perGroup.get(s.group) ?? 0) + 1)
    metrics.stalledPartitions.reset()
    for (const [group, n] of perGroup) metrics.stalledPartitions.set({ group }, n)
  }
  return {
    stalled(s) {
      const k = key(s.group, s.topic, s.partition)
      stalls.set(k, { ...s, since: stalls.get(k)?.since ?? s.since })
      gauge()
    },
    recovered(group, topic, partition) {
      if (stalls.delete(key(group, topic, partition))) gauge()
    },
    stalls: () => [...stalls.values()],
    addCheck(name, check) {
      checks.set(name, check)
      return () => void (checks.get(name) === check && checks.delete(name))
    },
    started: () => void (isStarted = true),
    drain: () => void (isDraining = true),
    get draining() {
      return isDraining
    },
    async readiness(timeoutMs = 2000) {
      const results: Record<string, string> = {}
      await Promise.all(
        [...checks].map(async ([name, check]) => {
          let timer: NodeJS.Timeout | undefined
          const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))
          try {
            await Promise.race([check(), timeout])
            results[name] = 'ok'
          } catch (err) {
            results[name] = (err as Error).message || String(err)
          } finally {
            clearTimeout(timer)
          }
        }),
      )
      const stalled = [...stalls.values()].map((s) => ({ group: s.group, topic: s.topic, partition: s.partition, for_ms: now() - s.since, attempts: s.attempts, error: s.error }))
      const healthy = Object.values(results).every((r) => r === 'ok') && stalled.length === 0
      const state = isDraining ? 'draining' : !isStarted ? 'starting' : healthy ? 'ready' : 'degraded'
      return { ready: state === 'ready', state, checks: results, stalled }
    },
  }
}
