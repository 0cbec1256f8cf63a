import { projectionGroup, type Projection } from '../platform/projection.js'
import type { Embedder } from '../platform/embedding/contract.js'
import type { Transport } from '../platform/transport/contract.js'
import { customersProjection } from './customers/customersProjection.js'
import { messagesProjection } from './messages/messagesProjection.js'
import { ticketsProjection } from './tickets/ticketsProjection.js'
import { knowledgeBaseProjection } from './knowledgeBase/knowledgeBaseProjection.js'
import { knowledgeCandidatesProjection } from './knowledgeCandidates/knowledgeCandidatesProjection.js'
import { deadLettersProjection } from './deadLetters/deadLettersProjection.js'
import { metricsProjection } from './metrics/metricsProjection.js'

/** Every read model's projection: what the projections role runs, and what `fte rebuild` can rebuild. */
export function readModels(embedder: Embedder): Projection[] {
  return [
    knowledgeBaseProjection(embedder), customersProjection, ticketsProjection, messagesProjection, deadLettersProjection, metricsProjection,
    knowledgeCandidatesProjection(embedder),
  ] as Projection[]
}

/** For projections that will never embed: their declarations, or read models that do not embed. */
export const NO_EMBEDDER: Embedder = { model: 'none', minScore: 1, duplicateScore: 1, embed: () => Promise.reject(new Error('this process loaded no embedding model')) }

// Only for what a projection declares (name, topics, tables): its apply is never called.
const declarations = readModels(NO_EMBEDDER)

/** The names, without building anything (usage text, argument checks). */
export const READ_MODEL_NAMES = declarations.map((p) => p.name)

export interface ReadModelLag {
  read_model: string
  /** Events on its topics it has not applied yet: 0 is up to date. */
  lag: number
  /** Events its topics hold. */
  events: number
}

/** How far behind the log each read model is, from its projection's consumer group. */
export async function readModelLag(transport: Transport): Promise<ReadModelLag[]> {
  return Promise.all(
    declarations.map(async (p) => {
      const positions = await transport.positions(projectionGroup(p.name), p.topics)
      return { read_model: p.name, lag: positions.reduce((n, x) => n + x.lag, 0), events: positions.reduce((n, x) => n + x.size, 0) }
    }),
  )
}
