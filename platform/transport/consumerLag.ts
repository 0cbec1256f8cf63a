import { metrics } from '../metrics.js'
import type { Logger } from '../log.js'
import type { Subscription, Transport } from './contract.js'

/**
 * Samples the lag of every consumer group this process runs, per partition, into
 * fte_consumer_lag_events. Each process reports its own groups: with several pods of a role the
 * gauges agree (the group's position is shared), so dashboards take their max, not their sum.
 * Returns the function that stops sampling.
 */
export function sampleConsumerLag(transport: Transport, subs: readonly Subscription[], log: Logger, everyMs = 15_000): () => void {
  const sample = async () => {
    for (const sub of subs) {
      try {
        for (const p of await transport.positions(sub.group, sub.topics)) {
          metrics.consumerLag.set({ group: sub.group, topic: p.topic, partition: String(p.partition) }, p.lag)
        }
      } catch (err) {
        // The broker or database may be away; /ready says so, and the next sample catches up.
        log.warn('could not read a consumer group\'s lag', { group: sub.group, error: (err as Error).message })
      }
    }
  }
  const timer = setInterval(() => void sample(), everyMs)
  timer.unref()
  void sample()
  return () => clearInterval(timer)
}
