import Router from '@koa/router'
import type Koa from 'koa'
import { Topics } from '../../schemas/index.js'
import type { GatewayDeps } from '../http/deps.js'
import { HttpError } from '../http/errors.js'
import { gmailApi } from './gmailApi.js'
import { pushVerifier } from './pushAuth.js'
import { decodePushEnvelope } from './pushEnvelope.js'
import { pushDeadLetter } from './pushDeadLetter.js'
import { mailboxSync } from './mailboxSync.js'
import { gmailMetrics } from './gmailMetrics.js'

/** The gateway's body limit (gateways/gateway.ts): a real Gmail push is a few hundred bytes. */
const MAX_BODY_BYTES = 64 * 1024

/**
 * POST /webhooks/gmail: Gmail's Pub/Sub push. Answers, in order:
 * - 503 when Gmail is not configured;
 * - 401 without a bearer token, 403 when the token is not Google's OIDC token for our push
 *   subscription (nothing is read or published for either);
 * - 200 {status: dead_lettered} for an authenticated push whose content is unusable: Pub/Sub
 *   stops redelivering it, and the DLQ keeps its bytes and the reason;
 * - 204 once the new mail is published; 503 when Gmail could not be read, or when a backlog is
 *   longer than one push reads (published so far, the rest on redelivery), so Pub/Sub retries.
 */
export function gmailRoutes(deps: GatewayDeps): Router {
  const router = new Router()
  const gmail = deps.config.gmail
  const log = deps.log.child({ route: 'gmail-push' })
  const verify = gmail ? pushVerifier(gmail) : null
  const sync = gmail ? mailboxSync({ gmail, api: () => gmailApi(gmail), db: deps.db, transport: deps.transport, log: deps.log }) : null
  // Load the Google client now rather than on the first push (it takes most of a second).
  if (gmail) gmailApi(gmail).catch((err: Error) => log.warn('Gmail client failed to load', { error: err.message }))

  router.post('/webhooks/gmail', async (ctx) => {
    if (!gmail || !verify || !sync) {
      gmailMetrics.pushes.inc({ outcome: 'not_configured' })
      throw new HttpError(503, 'channel_not_configured', 'Gmail is not configured on this server (set the GMAIL_* variables)')
    }
    const auth = await verify(ctx.get('authorization') || undefined)
    if (!auth.ok) {
      gmailMetrics.pushes.inc({ outcome: auth.status === 401 ? 'unauthenticated' : 'forbidden' })
      log.warn('gmail push rejected', { status: auth.status, reason: auth.reason, ip: ctx.ip })
      if (auth.status === 401) {
        ctx.set('WWW-Authenticate', 'Bearer')
        throw new HttpError(401, 'unauthenticated', 'a Google-signed OIDC bearer token is required')
      }
      throw new HttpError(403, 'forbidden', 'the token does not prove a push from the configured subscription')
    }

    const raw = await rawBodyOf(ctx)
    const decoded = decodePushEnvelope(parsedBodyOf(ctx, raw), gmail.address)
    if (!decoded.ok) {
      const letter = pushDeadLetter(raw, decoded.error, {
        pubsubMessageId: decoded.pubsubMessageId, emailAddress: decoded.emailAddress, contentType: ctx.get('content-type') || undefined, now: Date.now(),
      })
      await deps.transport.publish([{ topic: Topics.dlq, key: letter.key, value: letter }])
      gmailMetrics.pushes.inc({ outcome: 'dead_lettered' })
      log.warn('malformed gmail push acknowledged and dead-lettered', { error: decoded.error, dead_letter_id: letter.event_id })
      ctx.status = 200
      ctx.body = { status: 'dead_lettered', error: decoded.error }
      return
    }

    let outcome
    try {
      outcome = await sync.onPush(decoded.push.historyId)
    } catch (err) {
      gmailMetrics.pushes.inc({ outcome: 'failed' })
      throw err // 503 from the error middleware: Pub/Sub redelivers, the cursor did not move
    }
    gmailMetrics.pushes.inc({ outcome: outcome.mode === 'up_to_date' ? 'up_to_date' : outcome.complete ? 'synced' : 'partial' })
    log.info('gmail push handled', { history_id: decoded.push.historyId.toString(), pubsub_message_id: decoded.push.pubsubMessageId, ...outcome })
    if (!outcome.complete) {
      // A backlog longer than one push reads: what was read is published and the cursor moved;
      // asking for redelivery is how the rest gets read without waiting for the next new email.
      ctx.status = 503
      ctx.set('Retry-After', '1')
      ctx.body = { status: 'partial', published: outcome.published, message: 'more history to read; redeliver this push' }
      return
    }
    ctx.status = 204
  })

  return router
}

/**
 * The body's bytes. JSON bodies were read by the gateway's body parser, which keeps the raw text;
 * anything else is still unread (only authenticated callers get this far) and is read here, bounded.
 */
async function rawBodyOf(ctx: Koa.Context): Promise<Buffer> {
  if (typeof ctx.request.rawBody === 'string') return Buffer.from(ctx.request.rawBody, 'utf8')
  if (ctx.req.readableEnded) return Buffer.alloc(0)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'payload_too_large', 'the body is too large (64 KB at most)')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function parsedBodyOf(ctx: Koa.Context, raw: Buffer): unknown {
  if (typeof ctx.request.rawBody === 'string') return ctx.request.body
  try {
    return JSON.parse(raw.toString('utf8'))
  } catch {
    return undefined
  }
}
