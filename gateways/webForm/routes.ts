import { randomBytes } from 'node:crypto'
import Router from '@koa/router'
import type Koa from 'koa'
import { Topics, type InboundMessage } from '../../schemas/index.js'
import { isIssuedTicketId, newTicketId, stableId } from '../../platform/ids.js'
import { normalizeEmail } from '../../platform/identifiers.js'
import { ticketView } from '../../projections/tickets/ticketView.js'
import { HttpError } from '../http/errors.js'
import type { GatewayDeps } from '../http/deps.js'
import { webFormSubmission } from './submission.js'
import { honeypotFilled } from './honeypot.js'
import { sendAsset } from '../http/scriptBundle.js'
import { widgetBundle } from './widgetBundle.js'
import { supportPage, supportPageCsp } from './page.js'

/**
 * The web support form: POST /support/submit, GET /support/ticket/:id (its status page), and
 * what embeds it: GET /widget.js and the standalone GET /support page. CORS and the rate limit
 * for the API are in guards.ts (they run before body parsing).
 */
export function webFormRoutes(deps: GatewayDeps): Router {
  const router = new Router()

  router.post('/support/submit', async (ctx) => {
    if (!ctx.is('application/json')) throw new HttpError(415, 'unsupported_media_type', 'send the form as application/json')
    const form = webFormSubmission.parse(ctx.request.body ?? {})
    const ticketId = newTicketId(deps.config.ticketSecret)
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

  router.get('/support/ticket/:id', async (ctx) => {
    const id = ctx.params.id ?? ''
    if (id.length > 100) throw new HttpError(400, 'invalid_ticket_id', 'ticket id is too long')
    // Ticket ids are TKT-<hex>-<hex> or UUIDs; anything else (a NUL byte, say, which Postgres
    // refuses outright) cannot name a ticket, so it never reaches the database.
    if (!/^[A-Za-z0-9-]+$/.test(id)) throw new HttpError(404, 'ticket_not_found', 'no such ticket')
    const view = await ticketView(deps.db, id)
    if (view) {
      ctx.body = view
      return
    }
    // Accepted (we issued this id) but not projected yet: it exists, it is just not processed.
    if (isIssuedTicketId(deps.config.ticketSecret, id)) {
      ctx.body = { ticket_id: id, status: 'received', channel: 'web_form', subject: null, messages: [], escalation: null }
      return
    }
    throw new HttpError(404, 'ticket_not_found', `no ticket ${id}`)
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
    ctx.set('Referrer-Policy', 'strict-origin-when-cross-origin')
    // The nonce is per response: a cached copy would reuse it.
    ctx.set('Cache-Control', 'no-store')
    ctx.type = 'text/html; charset=utf-8'
    ctx.body = supportPage({ nonce })
  })

  return router
}

/** The one answer to an accepted submission, whether it was published or quietly dropped. */
function accepted(ctx: Koa.Context, ticketId: string): void {
  ctx.status = 202
  ctx.set('Location', `/support/ticket/${ticketId}`)
  ctx.body = { ticket_id: ticketId, status: 'received', status_url: `/support/ticket/${ticketId}` }
}
