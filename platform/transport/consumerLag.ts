import { metrics } from '../metrics.js'
import type { Logger } from '../log.js'
import type { PartitionPosition, Subscription, Transport } from './contract.js'

/**
 * Samples the lag of every consumer group this process runs, per partition, into
 * fte_consumer_lag_events. Each process reports its own groups: with several pods of a role the
 * gauges agree (the group's position is shared), so dashboards take their max, not their sum.
 * `onGroup` gets each group's positions from the same read (a read model's lag is its
 * projection group's). Returns the function that stops sampling.
 */
export function sampleConsumerLag(
  transport: Transport,
  subs: readonly Subscription[],
  log: Logger,
  opts: { everyMs?: number; onGroup?: (group: string, positions: PartitionPosition[]) => void } = {},
): () => void {
  const sample = async () => {
    for (const sub of subs) {
      try {
        const positions = await transport.positions(sub.group, sub.topics)
        for (const p of positions) {
          metrics.consumerLag.set({ group: sub.group, topic: p.topic, partition: String(p.partition) }, p.lag)
        }
        opts.onGroup?.(sub.group, positions)
      } catch (err) {
        // The broker or database may be away; /ready says so, and the next sample catches up.
        log.warn('could not read a consumer group\'s lag', { group: sub.group, error: (err as Error).message })
      }
    }
  }
  const timer = setInterval(() => void sample(), opts.everyMs ?? 15_000)
  timer.unref()
  void sample()
  return () => clearInterval(timer)
}
