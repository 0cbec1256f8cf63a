/** Vector width of the knowledge_base column: text-embedding-3-small's; smaller local models are zero-padded to it. */
export const DIMENSIONS = 1536

/**
 * Text to vectors. The knowledge_base rows record which model embedded them; a query is only
 * compared with rows of the same model, and a model change re-embeds (see reembedKnowledge).
 */
export interface Embedder {
  readonly model: string
  /**
   * Cosine similarity a chunk needs to count as relevant with this model (FTE_KB_MIN_SCORE
   * overrides it): each model spreads its scores differently, so the bar belongs to the model.
   */
  readonly minScore: number
  /**
   * Cosine at which two texts say nearly the same thing (a knowledge candidate against an article
   * or another candidate): flagged for the admin, never acted on by itself.
   */
  readonly duplicateScore: number
  /** `purpose`: a search query, or a passage to be found (the default); some models embed them differently. */
  embed(texts: string[], purpose?: 'query' | 'passage'): Promise<number[][]>
}
