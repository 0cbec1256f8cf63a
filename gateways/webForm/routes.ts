import { randomBytes } from 'node:crypto'
import Router from '@koa/router'
import type Koa from 'koa'
import { Topics, type InboundMessage } from '../../schemas/index.js'
import { idempotentTicketId, newTicketId, stableId, ticketNumber } from '../../platform/ids.js'
import { normalizeEmail } from '../../platform/identifiers.js'
import { HttpError } from '../http/errors.js'
import type { GatewayDeps } from '../http/deps.js'
import { webFormSubmission } from './submission.js'
import { honeypotFilled } from './honeypot.js'
import { sendAsset } from '../http/scriptBundle.js'
import { widgetBundle } from './widgetBundle.js'
import { supportPage, supportPageCsp } from './page.js'

/**
 * The web support form: POST /support/submit, and what embeds it: GET /widget.js and the
 * standalone GET /support page. The way back to a ticket (its status page, checking it, follow-ups)
 * is statusRoutes.ts. CORS and the rate limits for the API are in guards.ts (they run before body
 * parsing).
 */
export function webFormRoutes(deps: GatewayDeps): Router {
  const router = new Router()

  router.post('/support/submit', async (ctx) => {
    if (!ctx.is('application/json')) throw new HttpError(415, 'unsupported_media_type', 'send the form as application/json')
    const form = webFormSubmission.parse(ctx.request.body ?? {})
    const key = idempotencyKey(ctx)
    const ticketId = key === null ? newTicketId(deps.config.ticketSecret) : idempotentTicketId(deps.config.ticketSecret, key, JSON.stringify(form))
    // Validated first, so a bot gets exactly the answer a person would for the same input.
    if (honeypotFilled(form)) {
      deps.log.info('web form: honeypot filled, submission dropped', { ip: ctx.ip })
      return accepted(ctx, ticketId)
    }
    const now = Date.now()
    const inbound: InboundMessage = {
      event_id: stableId('inbound', 'web_form', ticketId),
      occurred_at: now,
      channel: 'web_form',
      channel_message_id: ticketId,
      ticket_id: ticketId,
      // Typed into a form: anyone can type anyone's address, so both are only claimed.
      sender: { name: form.name, email: form.email, phone: form.phone ?? null, verified: false },
      subject: form.subject,
      category: form.category,
      priority: form.priority,
      content: form.message,
      thread_id: null,
    }
    // Keyed by customer so one person's messages stay in order on one partition.
    await deps.transport.publish([{ topic: Topics.ticketsIncoming, key: normalizeEmail(form.email) ?? form.email, value: inbound }])
    accepted(ctx, ticketId)
  })

  router.get('/widget.js', async (ctx) => {
    const bundle = await widgetBundle()
    ctx.set('Cache-Control', 'public, max-age=300')
    // A public script: any page may load it, including with crossorigin= or under COEP.
    ctx.set('Access-Control-Allow-Origin', '*')
    ctx.set('Cross-Origin-Resource-Policy', 'cross-origin')
    sendAsset(ctx, bundle, 'application/javascript; charset=utf-8')
  })

  router.get('/support', (ctx) => {
    const nonce = randomBytes(16).toString('base64')
    ctx.set('Content-Security-Policy', supportPageCsp(nonce, deps.config.http.corsOrigins))
    ctx.set('X-Content-Type-Options', 'nosniff')
    // The page can show a ticket (after "check a request"): it sends no Referer, like the status page.
    ctx.set('Referrer-Policy', 'no-referrer')
    // The nonce is per response: a cached copy would reuse it.
    ctx.set('Cache-Control', 'no-store')
    ctx.type = 'text/html; charset=utf-8'
    ctx.body = supportPage({ nonce })
  })

  return router
}

/**
 * The Idempotency-Key header (IETF draft httpapi-idempotency-key-header): a client that retries a
 * submission it is unsure about sends the same key and gets the same ticket, never a second one.
 * Optional; when sent it must be 1-255 visible ASCII characters.
 */
function idempotencyKey(ctx: Koa.Context): string | null {
  const raw = ctx.get('Idempotency-Key')
  if (!raw) return null
  if (!/^[\x21-\x7e]{1,255}$/.test(raw)) {
    throw new HttpError(422, 'invalid_header', 'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)')
  }
  return raw
}

/** The one answer to an accepted submission, whether it was published or quietly dropped. */
function accepted(ctx: Koa.Context, ticketId: string): void {
  ctx.status = 202
  ctx.set('Location', `/support/ticket/${ticketId}`)
  ctx.body = { ticket_id: ticketId, ticket_number: ticketNumber(ticketId), status: 'received', status_url: `/support/ticket/${ticketId}` }
}
