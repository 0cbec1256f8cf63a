import OpenAI from 'openai'
import { embedLocally, LOCAL_EMBEDDING_MODEL } from './embedding.js'

/**
 * Text to vectors. The knowledge_base rows record which model embedded them; a query is only
 * compared with rows of the same model, and a model change re-embeds (see reembedKnowledge).
 */
export interface Embedder {
  readonly model: string
  embed(texts: string[]): Promise<number[][]>
}

export const localEmbedder = (): Embedder => ({
  model: LOCAL_EMBEDDING_MODEL,
  embed: async (texts) => texts.map(embedLocally),
})

/** OpenAI text-embedding-3-small: 1536 dimensions, the knowledge_base column size. */
export function openAiEmbedder(client: OpenAI, model = 'text-embedding-3-small'): Embedder {
  return {
    model,
    async embed(texts) {
      const res = await client.embeddings.create({ model, input: texts, dimensions: 1536 })
      return res.data.sort((a, b) => a.index - b.index).map((d) => d.embedding)
    },
  }
}
