/**
 * A local stand-in for the Google endpoints the Gmail channel talks to, so tests run the official
 * googleapis client end to end without the internet: the OAuth token endpoint, the Gmail REST API
 * (history, messages get/list/send, watch) over an in-memory mailbox, and a JWKS endpoint with a
 * locally generated RSA key that signs Pub/Sub-style OIDC push tokens.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose'

export interface StoredMessage {
  id: string
  threadId: string
  labelIds: string[]
  raw: Buffer
  internalDate: number
}

export interface SentMessage {
  id: string
  threadId: string | null
  /** The RFC 822 text the client sent (decoded from base64url). */
  mime: string
}

export interface StandInRequest {
  method: string
  path: string
  query: URLSearchParams
  authorization: string | undefined
  body: string
}

export interface GoogleStandIn {
  /** Root URL (GOOGLE_API_ROOT_URL); the Gmail API is under gmail/v1/. */
  url: string
  tokenUrl: string
  certsUrl: string
  accessToken: string
  messages: Map<string, StoredMessage>
  /** messageAdded records, oldest first. */
  history: { id: number; messageId: string }[]
  historyId: number
  /** Start ids below this answer 404, as Gmail does for history it no longer keeps. */
  oldestHistoryId: number
  /** history.list page size (small, so paging is exercised). */
  pageSize: number
  sent: SentMessage[]
  requests: StandInRequest[]
  /** Answer the next n calls of a kind with this HTTP status. */
  failures: Partial<Record<'history' | 'get' | 'send' | 'token', { status: number; times: number }>>
  /** Accept the next n sends (the message is sent) but answer only after delayMs: later than the client waits. */
  answerLate: { send?: { delayMs: number; times: number } }
  /** Puts a message in the mailbox (INBOX unless labels say otherwise) and records the history. */
  deliver(mime: string, opts?: { threadId?: string; labelIds?: string[]; internalDate?: number }): StoredMessage
  /** Signs a push token like Google's; claims and header can be overridden to forge bad ones. */
  pushToken(claims?: JWTPayload, opts?: { key?: CryptoKey; kid?: string; alg?: string; expiresAt?: number }): Promise<string>
  kid: string
  close(): Promise<void>
}

export async function startGoogleStandIn(opts: { audience: string; serviceAccount: string }): Promise<GoogleStandIn> {
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  const kid = randomBytes(8).toString('hex')
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }
  let counter = 0x19a0_0000
  const nextId = () => (counter++).toString(16).padStart(16, '0')

  const s: GoogleStandIn = {
    url: '', tokenUrl: '', certsUrl: '', accessToken: `ya29.standin-${randomBytes(6).toString('hex')}`,
    messages: new Map(), history: [], historyId: 1000, oldestHistoryId: 0, pageSize: 2,
    sent: [], requests: [], failures: {}, answerLate: {}, kid,
    deliver(mime, o = {}) {
      const m: StoredMessage = { id: nextId(), threadId: o.threadId ?? nextId(), labelIds: o.labelIds ?? ['INBOX', 'UNREAD'], raw: Buffer.from(mime), internalDate: o.internalDate ?? Date.now() }
      s.messages.set(m.id, m)
      s.historyId += 3 // Gmail's ids grow unevenly; nothing may assume +1
      s.history.push({ id: s.historyId, messageId: m.id })
      return m
    },
    async pushToken(claims = {}, o = {}) {
      const now = Math.floor(Date.now() / 1000)
      return new SignJWT({
        iss: 'https://accounts.google.com', aud: opts.audience, email: opts.serviceAccount, email_verified: true,
        sub: '112233445566778899000', azp: '112233445566778899000', iat: now, exp: o.expiresAt ?? now + 3600, ...claims,
      })
        .setProtectedHeader({ alg: o.alg ?? 'RS256', kid: o.kid ?? kid, typ: 'JWT' })
        .sign(o.key ?? privateKey)
    },
    close: async () => undefined,
  }

  const fail = (kind: keyof GoogleStandIn['failures']) => {
    const f = s.failures[kind]
    if (!f || f.times <= 0) return null
    f.times--
    return f.status
  }
  const gmailError = (status: number, message: string) => ({ error: { code: status, message, errors: [{ message, domain: 'global', reason: status === 404 ? 'notFound' : 'failed' }], status: status === 404 ? 'NOT_FOUND' : 'FAILED' } })
  const header = (raw: Buffer, name: string): string | null => {
    const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ')
    const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    return line ? line.slice(name.length + 1).trim() : null
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in')
      const body = Buffer.concat(chunks).toString('utf8')
      s.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, body })
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' })
        res.end(JSON.stringify(payload))
      }
      if (req.method === 'GET' && url.pathname === '/certs') return send(200, { keys: [jwk] })
      if (req.method === 'POST' && url.pathname === '/token') {
        const status = fail('token')
        if (status) return send(status, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' })
        const form = new URLSearchParams(body)
        if (form.get('grant_type') !== 'refresh_token' || !form.get('refresh_token')) return send(400, { error: 'invalid_request' })
        return send(200, { access_token: s.accessToken, expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/gmail.modify' })
      }
      const api = /^\/gmail\/v1\/users\/me\/(.+)$/.exec(url.pathname)?.[1]
      if (!api) return send(404, gmailError(404, `no route ${url.pathname}`))
      if (req.headers.authorization !== `Bearer ${s.accessToken}`) return send(401, gmailError(401, 'Request had invalid authentication credentials.'))

      if (req.method === 'GET' && api === 'history') {
        const status = fail('history')
        if (status) return send(status, gmailError(status, 'Backend Error'))
        const start = Number(url.searchParams.get('startHistoryId'))
        if (!Number.isFinite(start) || start < s.oldestHistoryId) return send(404, gmailError(404, 'Requested entity was not found.'))
        const types = url.searchParams.getAll('historyTypes')
        const records = types.length && !types.includes('messageAdded') ? [] : s.history.filter((h) => h.id > start)
        const offset = Number(url.searchParams.get('pageToken') ?? 0)
        const size = Math.min(s.pageSize, Number(url.searchParams.get('maxResults') ?? 100))
        const page = records.slice(offset, offset + size)
        return send(200, {
          ...(page.length
            ? {
                history: page.map((h) => {
                  const m = s.messages.get(h.messageId)!
                  return { id: String(h.id), messages: [{ id: m.id, threadId: m.threadId }], messagesAdded: [{ message: { id: m.id, threadId: m.threadId, labelIds: m.labelIds } }] }
                }),
              }
            : {}),
          historyId: String(s.historyId),
          ...(offset + size < records.length ? { nextPageToken: String(offset + size) } : {}),
        })
      }
      if (req.method === 'GET' && api === 'messages') {
        const max = Number(url.searchParams.get('maxResults') ?? 100)
        // Gmail's search operator for one Message-ID, over all mail (sent included), brackets optional.
        const byId = /^rfc822msgid:<?([^<>\s]+)>?$/.exec(url.searchParams.get('q') ?? '')?.[1]
        if (byId) {
          const found = [...s.messages.values()].filter((m) => header(m.raw, 'Message-ID')?.replace(/^<|>$/g, '') === byId).slice(0, max)
          return send(200, found.length ? { messages: found.map((m) => ({ id: m.id, threadId: m.threadId })), resultSizeEstimate: found.length } : { resultSizeEstimate: 0 })
        }
        const inbox = [...s.messages.values()].filter((m) => m.labelIds.includes('INBOX')).sort((a, b) => b.internalDate - a.internalDate).slice(0, max)
        return send(200, { messages: inbox.map((m) => ({ id: m.id, threadId: m.threadId })), resultSizeEstimate: inbox.length })
      }
      const one = /^messages\/([^/]+)$/.exec(api)?.[1]
      if (req.method === 'GET' && one) {
        const status = fail('get')
        if (status) return send(status, gmailError(status, 'Backend Error'))
        const m = s.messages.get(one)
        if (!m) return send(404, gmailError(404, 'Requested entity was not found.'))
        const base = { id: m.id, threadId: m.threadId, labelIds: m.labelIds, snippet: '', historyId: String(s.historyId), internalDate: String(m.internalDate), sizeEstimate: m.raw.length }
        const format = url.searchParams.get('format') ?? 'full'
        if (format === 'raw') return send(200, { ...base, raw: m.raw.toString('base64url') })
        if (format === 'metadata') {
          const wanted = url.searchParams.getAll('metadataHeaders')
          const headers = wanted.map((name) => ({ name, value: header(m.raw, name) })).filter((h) => h.value !== null)
          return send(200, { ...base, payload: { mimeType: 'text/plain', headers } })
        }
        return send(400, gmailError(400, `format ${format} is not served by the stand-in`))
      }
      if (req.method === 'POST' && api === 'messages/send') {
        const status = fail('send')
        if (status) return send(status, gmailError(status, status === 400 ? 'Invalid To header' : 'Backend Error'))
        const { raw, threadId } = JSON.parse(body || '{}') as { raw?: string; threadId?: string }
        if (!raw) return send(400, gmailError(400, "'raw' RFC822 payload message string or uploading message via /upload/* URL required"))
        if (threadId && ![...s.messages.values()].some((m) => m.threadId === threadId)) return send(404, gmailError(404, 'Requested entity was not found.'))
        const mime = Buffer.from(raw, 'base64url').toString('utf8')
        // Like Gmail, what we send lands in the mailbox as SENT, and shows in the history.
        const stored = s.deliver(mime, { threadId, labelIds: ['SENT'] })
        s.sent.push({ id: stored.id, threadId: threadId ?? null, mime })
        const late = s.answerLate.send
        if (late && late.times > 0) {
          late.times--
          return void setTimeout(() => { if (!res.destroyed) send(200, { id: stored.id, threadId: stored.threadId, labelIds: ['SENT'] }) }, late.delayMs)
        }
        return send(200, { id: stored.id, threadId: stored.threadId, labelIds: ['SENT'] })
      }
      if (req.method === 'POST' && api === 'watch') {
        return send(200, { historyId: String(s.historyId), expiration: String(Date.now() + 7 * 24 * 3600 * 1000) })
      }
      if (req.method === 'POST' && api === 'stop') return void res.writeHead(204).end()
      send(404, gmailError(404, `no route ${req.method} ${url.pathname}`))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  s.url = `${base}/`
  s.tokenUrl = `${base}/token`
  s.certsUrl = `${base}/certs`
  s.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()) })
  return s
}
