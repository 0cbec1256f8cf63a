import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { chunkArticle } from './chunk.js'

describe('chunkArticle', () => {
  it('keeps paragraphs whole and groups them up to the target size', () => {
    const p = (c: string) => c.repeat(300)
    const chunks = chunkArticle(`${p('a')}\n\n${p('b')}\n\n${p('c')}`, 700)
    assert.deepEqual(chunks.map((c) => c.length), [601, 300])
    assert.ok(chunks[0]!.startsWith('a') && chunks[1]!.startsWith('c'))
  })
})
