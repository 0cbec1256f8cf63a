import type { Projection } from '../platform/projection.js'
import type { Embedder } from '../platform/embedding/contract.js'
import { customersProjection } from '../projections/customers/customersProjection.js'
import { messagesProjection } from '../projections/messages/messagesProjection.js'
import { ticketsProjection } from '../projections/tickets/ticketsProjection.js'
import { knowledgeBaseProjection } from '../projections/knowledgeBase/knowledgeBaseProjection.js'
import { knowledgeCandidatesProjection } from '../projections/knowledgeCandidates/knowledgeCandidatesProjection.js'
import { deadLettersProjection } from '../projections/deadLetters/deadLettersProjection.js'
import { metricsProjection } from '../projections/metrics/metricsProjection.js'

/** Every read model's projection: what the projections role runs, and what `fte rebuild` can rebuild. */
export function readModels(embedder: Embedder): Projection[] {
  return [
    knowledgeBaseProjection(embedder), customersProjection, ticketsProjection, messagesProjection, deadLettersProjection, metricsProjection,
    knowledgeCandidatesProjection(embedder),
  ] as Projection[]
}

/** The names, without building anything (usage text, argument checks). */
export const READ_MODEL_NAMES = ['knowledge_base', 'customers', 'tickets', 'messages', 'dead_letters', 'metrics', 'knowledge_candidates'] as const
