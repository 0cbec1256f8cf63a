/**
 * Worker-thread entry: the embedding model, run off the event loop that serves requests and
 * consumes Kafka. Started by sentenceEmbedder.ts; one request in, one answer out, by id.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openOnnxEncoder } from './onnxEncoder.js'
import type { ThreadReply, ThreadRequest, ThreadStart } from './sentenceEmbedder.js'

const port = parentPort!
const { spec, files } = (workerData as ThreadStart).init
const post = (m: ThreadReply) => port.postMessage(m)

openOnnxEncoder(spec, files).then(
  (encoder) => {
    post({ ready: true })
    port.on('message', ({ id, texts }: ThreadRequest) => {
      encoder.encode(texts).then(
        (vectors) => post({ id, vectors }),
        (err: Error) => post({ id, error: err.message }),
      )
    })
  },
  (err: Error) => post({ fatal: err.message }),
)
