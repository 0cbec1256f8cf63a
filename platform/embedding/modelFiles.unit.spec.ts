import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { ensureModelFiles, ModelDownloadError, type ModelSpec } from './modelFiles.js'

// A Maven repository stand-in serving one jar, counting requests.
const jar = zipSync({ 'm.onnx': strToU8('weights'), 'm-tokenizer.json': strToU8('{"model":{}}'), 'README': strToU8('x') })
const spec: ModelSpec = {
  id: 'test-model',
  title: 'test model',
  artifact: 'org/example/test-model/1.0/test-model-1.0.jar',
  sha256: createHash('sha256').update(jar).digest('hex'),
  onnx: 'm.onnx',
  tokenizer: 'm-tokenizer.json',
  dimensions: 4,
  pooling: 'mean',
  maxTokens: 16,
  minScore: 0.3,
  duplicateScore: 0.6,
}
let server: Server
let repository = ''
let requests = 0

before(async () => {
  server = createServer((req, res) => {
    requests++
    if (req.url === `/maven2/${spec.artifact}`) res.writeHead(200, { 'content-length': jar.length }).end(jar)
    else res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  repository = `http://127.0.0.1:${(server.address() as AddressInfo).port}/maven2/`
})
after(() => server.close())

describe('local model files', () => {
  it('downloads the jar once, checks its digest, unpacks only the model files, reports progress', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fte-models-'))
    const progress: string[] = []
    requests = 0
    const files = await ensureModelFiles(spec, { dir, repository, progress: (m) => progress.push(m) })
    assert.equal(readFileSync(files.onnx, 'utf8'), 'weights')
    assert.equal(readFileSync(files.tokenizer, 'utf8'), '{"model":{}}')
    assert.ok(progress.some((m) => /downloading/.test(m)) && progress.some((m) => /ready/.test(m)), progress.join(' / '))
    const again = await ensureModelFiles(spec, { dir, repository })
    assert.deepEqual(again, files)
    assert.equal(requests, 1, 'the second call uses the cached files')
  })

  it('refuses an artifact whose digest differs from the pinned one, and says what to do', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fte-models-'))
    await assert.rejects(ensureModelFiles({ ...spec, sha256: '0'.repeat(64) }, { dir, repository }), (err: Error) => {
      assert.ok(err instanceof ModelDownloadError)
      assert.match(err.message, /SHA-256 [0-9a-f]{64} does not match/)
      assert.match(err.message, /FTE_LOCAL_EMBEDDING=hash/)
      return true
    })
  })

  it('names the URL and the HTTP status when the repository does not serve the model', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fte-models-'))
    await assert.rejects(ensureModelFiles({ ...spec, artifact: 'org/example/missing.jar' }, { dir, repository }), /missing\.jar: HTTP 404/)
  })
})
