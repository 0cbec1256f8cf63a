import { readFileSync } from 'node:fs'
import ort from 'onnxruntime-node'
import { Tokenizer } from '@huggingface/tokenizers'
import type { ModelFiles, ModelSpec } from './modelFiles.js'

/** What the embedder needs from a loaded model: text in, unit vectors of spec.dimensions out. */
export interface Encoder {
  encode(texts: string[]): Promise<number[][]>
}

/** The model run with ONNX Runtime on the calling thread (encoderThread.ts runs it on its own). */
export async function openOnnxEncoder(spec: ModelSpec, files: ModelFiles): Promise<Encoder> {
  const tokenizer = new Tokenizer(JSON.parse(readFileSync(files.tokenizer, 'utf8')), {})
  // One thread per call: the stages already run side by side, and ORT's extra threads spin while they
  // wait, taking CPU from Postgres and the event loop (p50 search 4.7 ms with one, 5.3 ms with two, on 2 cores).
  const session = await ort.InferenceSession.create(files.onnx, { intraOpNumThreads: 1, interOpNumThreads: 1 })
  const needsTypes = session.inputNames.includes('token_type_ids')
  // One text per run, never a padded batch: the int8 model quantizes activations with a scale
  // taken over the whole input tensor, so padding beside a text would shift its vector (cosine
  // 0.995 to itself, measured), and a chunk must embed the same whichever batch it arrives in.
  async function one(text: string): Promise<number[]> {
    const all = tokenizer.encode(text).ids
    // Over-long texts keep their start and the closing [SEP] the model expects.
    const ids = all.length > spec.maxTokens ? [...all.slice(0, spec.maxTokens - 1), all[all.length - 1]!] : all
    const shape = [1, ids.length]
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, (id: number) => BigInt(id)), shape),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), shape),
    }
    if (needsTypes) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(ids.length), shape)
    const hidden = (await session.run(feeds))[session.outputNames[0]!]!.data as Float32Array
    const dim = spec.dimensions
    const v = new Array<number>(dim).fill(0)
    const tokens = spec.pooling === 'cls' ? 1 : ids.length
    for (let i = 0; i < tokens; i++) for (let d = 0; d < dim; d++) v[d]! += hidden[i * dim + d]!
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1
    return v.map((x) => x / norm)
  }
  return {
    async encode(texts) {
      const out: number[][] = []
      for (const t of texts) out.push(await one(t))
      return out
    },
  }
}
