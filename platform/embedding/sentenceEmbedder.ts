import { Worker } from 'node:worker_threads'
import type { ModelFiles, ModelSpec } from './modelFiles.js'
import type { Encoder } from './onnxEncoder.js'
import { DIMENSIONS } from './contract.js'

export interface ThreadStart {
  init: { spec: ModelSpec; files: ModelFiles }
  /** Run from source: the TypeScript entry and tsx's loader, which a worker does not inherit. */
  entry?: string
  tsx?: string
}
export interface ThreadRequest {
  id: number
  texts: string[]
}
export type ThreadReply = { ready: true } | { fatal: string } | { id: number; vectors: number[][] } | { id: number; error: string }

// One model thread per model file per process: the integration specs open many runtimes, and
// every stage of a process shares the one thread.
const encoders = new Map<string, Promise<Encoder>>()

/**
 * The model on a worker thread of its own. Inference is CPU-bound and synchronous inside ONNX
 * Runtime: on the main thread it was 13 % of the event loop under load (a CPU profile at 100
 * submissions/s), time in which no request was accepted and no Kafka batch was read.
 */
export function loadEncoder(spec: ModelSpec, files: ModelFiles): Promise<Encoder> {
  let encoder = encoders.get(files.onnx)
  if (!encoder) {
    // Only this thread's own entry: a late event from a dead thread must not drop its successor.
    const forget = () => void (encoders.get(files.onnx) === encoder && encoders.delete(files.onnx))
    encoder = threadEncoder(spec, files, forget)
    encoder.catch(forget)
    encoders.set(files.onnx, encoder)
  }
  return encoder
}

// From source (tsx), the worker registers tsx's loader before importing its TypeScript entry.
const BOOT_FROM_SOURCE = `const { workerData } = require('node:worker_threads')
import(workerData.tsx).then((m) => m.register()).then(() => import(workerData.entry))`

function startThread(init: ThreadStart['init']): Worker {
  const fromSource = import.meta.url.endsWith('.ts')
  if (!fromSource) return new Worker(new URL('./encoderThread.js', import.meta.url), { workerData: { init } satisfies ThreadStart })
  const start: ThreadStart = { init, entry: new URL('./encoderThread.ts', import.meta.url).href, tsx: import.meta.resolve('tsx/esm/api') }
  return new Worker(BOOT_FROM_SOURCE, { eval: true, workerData: start })
}

function threadEncoder(spec: ModelSpec, files: ModelFiles, forget: () => void): Promise<Encoder> {
  return new Promise((resolve, reject) => {
    const worker = startThread({ spec, files })
    const pending = new Map<number, { resolve: (v: number[][]) => void; reject: (e: Error) => void }>()
    let next = 0
    let ready = false
    let dead: Error | null = null
    const fail = (err: Error) => {
      // A thread that died is replaced on the next loadEncoder; what was waiting on it fails and is
      // retried by the stage like any other transient fault. 'error' is followed by 'exit': once.
      if (dead) return
      dead = err
      forget()
      if (!ready) reject(err)
      for (const p of pending.values()) p.reject(err)
      pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`the embedding model's thread exited (code ${code})`)))
    worker.on('message', (m: ThreadReply) => {
      if ('ready' in m) {
        ready = true
        // The thread keeps the process alive only while someone waits for it.
        worker.unref()
        resolve({
          encode: (texts) =>
            new Promise((res, rej) => {
              if (dead) return rej(dead)
              const id = next++
              if (!pending.size) worker.ref()
              pending.set(id, { resolve: res, reject: rej })
              worker.postMessage({ id, texts } satisfies ThreadRequest)
            }),
        })
      } else if ('fatal' in m) {
        fail(new Error(`the embedding model did not load: ${m.fatal}`))
        void worker.terminate()
      } else {
        const p = pending.get(m.id)
        pending.delete(m.id)
        if (!pending.size) worker.unref()
        if ('vectors' in m) p?.resolve(m.vectors)
        else p?.reject(new Error(`embedding failed: ${m.error}`))
      }
    })
  })
}

/**
 * The model's unit vector, zero-padded to the knowledge_base column's 1536 dimensions: padding
 * changes neither norms nor cosines, and keeps one schema for every embedding model.
 */
export const padded = (v: number[]): number[] => (v.length >= DIMENSIONS ? v : [...v, ...new Array<number>(DIMENSIONS - v.length).fill(0)])
