/**
 * A local stand-in for the OpenAI HTTP API (Chat Completions and Embeddings wire format), so
 * tests exercise the official `openai` client end to end without the internet. It answers from
 * the passages it is sent, like a well-behaved model, and can be told to misbehave.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { embedLocally } from '../../platform/embedding/hashEmbedding.js'

export type StandInMode = 'answer' | 'fail' | 'slow' | 'competitor' | 'garbage'

export interface OpenAiStandIn {
  baseUrl: string
  mode: StandInMode
  requests: { path: string; body: any; authorization: string | undefined }[]
  close(): Promise<void>
}

export async function startOpenAiStandIn(): Promise<OpenAiStandIn> {
  const state: OpenAiStandIn = { baseUrl: '', mode: 'answer', requests: [], close: async () => undefined }
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : {}
      state.requests.push({ path: req.url ?? '', body, authorization: req.headers.authorization })
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(payload))
      }
      if (req.url === '/v1/embeddings') {
        const inputs: string[] = Array.isArray(body.input) ? body.input : [body.input]
        return send(200, {
          object: 'list',
          model: body.model,
          // The client asks for base64 (packed little-endian float32) by default, as the real API allows.
          data: inputs.map((text, index) => {
            const v = embedLocally(text)
            const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v
            return { object: 'embedding', index, embedding }
          }),
          usage: { prompt_tokens: 1, total_tokens: 1 },
        })
      }
      if (req.url === '/v1/chat/completions') {
        if (state.mode === 'fail') return send(500, { error: { message: 'stand-in failure', type: 'server_error' } })
        if (state.mode === 'slow') return void setTimeout(() => send(200, {}), 5_000)
        const user = String(body.messages?.find((m: any) => m.role === 'user')?.content ?? '')
        const passage = /\[(kb-[a-z0-9-]+)\] [^\n]*\n([^\n]+)/.exec(user)
        const first = passage?.[2]?.split(/(?<=\.)\s/)[0] ?? ''
        const answer =
          state.mode === 'competitor' ? `${first} Unlike Trello, we keep everything in one place.` : `According to our guide: ${first}`
        const content = state.mode === 'garbage' ? 'not json at all' : JSON.stringify({ answer, cited_article_ids: passage ? [passage[1]] : [] })
        return send(200, {
          id: 'chatcmpl-standin',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: null } }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        })
      }
      send(404, { error: { message: `no route ${req.url}` } })
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  state.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()) })
  return state
}
