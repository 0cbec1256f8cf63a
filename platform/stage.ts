import type { Topic } from '../schemas/index.js'
import type { DeliveredEvent, OutgoingEvent, Subscription, Transport } from './transport/contract.js'

/**
 * A pipeline stage: consume one or more topics in its own consumer group, turn each event into
 * output events (the decision), publish them. The stage keeps nothing in memory between events,
 * so any number of copies can share the group.
 */
export interface Stage<T extends Topic = Topic> {
  name: string
  topics: readonly T[]
  handle(event: DeliveredEvent<T>): Promise<OutgoingEvent[]>
}

export function runStage<T extends Topic>(transport: Transport, stage: Stage<T>): Promise<Subscription> {
  return transport.subscribe({
    group: `fte.${stage.name}`,
    topics: stage.topics,
    handle: async (event, publish) => {
      const out = await stage.handle(event)
      if (out.length) await publish(out)
    },
  })
}

/** Declares a stage: its event type follows from `topics`, so `handle` receives typed events. */
export const defineStage = <T extends Topic>(stage: Stage<T>): Stage<T> => stage
