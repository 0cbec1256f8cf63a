import { randomBytes } from 'node:crypto'
import Router from '@koa/router'
import type Koa from 'koa'
import { Topics, type InboundMessage } from '../../schemas/index.js'
import { isIssuedTicketId, parseTicketNumber, stableId, ticketNumber } from '../../platform/ids.js'
import { normalizeEmail } from '../../platform/identifiers.js'
import { receivedTicketView, ticketView, webFormTicketAccess, webFormTicketsNumbered, type TicketView } from '../../projections/tickets/ticketView.js'
import { HttpError } from '../http/errors.js'
import type { GatewayDeps } from '../http/deps.js'
import { followUpMessage, ticketCheck } from './submission.js'
import { honeypotFilled } from './honeypot.js'
import { supportPage, supportPageCsp } from './page.js'

/**
 * The customer's way back to a ticket: its status page (GET /support/ticket/:id, JSON or HTML),
 * "check a request" by ticket number and address (POST /support/check), and follow-ups from the
 * page (POST /support/ticket/:id/messages). The ticket id in the link is a bearer secret; the
 * number is not, so the number opens nothing without the address the ticket was sent from.
 */
export function ticketStatusRoutes(deps: GatewayDeps): Router {
  const router = new Router()

  router.get('/support/ticket/:id', async (ctx) => {
    const id = ticketIdParam(ctx.params.id)
    const view = await customerView(deps, id)
    // The conversation is private: no shared cache keeps it, no Referer carries the link away.
    ctx.set('Cache-Control', 'no-store')
    ctx.set('Referrer-Policy', 'no-referrer')
    ctx.vary('Accept')
    // Browsers navigating here ask for text/html first; fetch() and API clients get JSON, as always.
    if (ctx.accepts('json', 'html') === 'html') {
      if (!view) ctx.status = 404
      page(ctx, deps, view ? { title: `Your request ${view.ticket_number}`, data: { view: 'ticket', ticket: id } } : { title: 'Request not found', data: { view: 'not-found' } })
      return
    }
    if (!view) throw new HttpError(404, 'ticket_not_found', `no ticket ${id}`)
    ctx.body = view
  })

  router.post('/support/check', async (ctx) => {
    requireJson(ctx)
    const { ticket, email } = ticketCheck.parse(ctx.request.body ?? {})
    const typed = ticket.trim()
    const number = parseTicketNumber(typed)
    // The schema let through only a number or a full id.
    const candidates = number ? await webFormTicketsNumbered(deps.db, number) : [typed]
    const address = normalizeEmail(email)
    for (const id of candidates) {
      const access = await webFormTicketAccess(deps.db, id)
      if (access?.address && access.address === address) {
        ctx.body = { ticket_id: id, ticket_number: ticketNumber(id), status: access.status, status_url: statusUrl(id) }
        return
      }
    }
    throw notFound()
  })

  router.post('/support/ticket/:id/messages', async (ctx) => {
    requireJson(ctx)
    const id = ticketIdParam(ctx.params.id)
    const form = followUpMessage.parse(ctx.request.body ?? {})
    const messageId = `FUP-${randomBytes(12).toString('hex')}`
    // As on the form: a bot that filled the honeypot gets the answer a person would.
    if (honeypotFilled(form)) {
      deps.log.info('web form: honeypot filled on a follow-up, message dropped', { ip: ctx.ip })
      return acceptedFollowUp(ctx, id, messageId)
    }
    const access = await webFormTicketAccess(deps.db, id)
    if (!access) {
      // Issued a moment ago and not processed yet: nothing to check the address against.
      if (isIssuedTicketId(deps.config.ticketSecret, id)) {
        ctx.set('Retry-After', '2')
        throw new HttpError(409, 'ticket_not_ready', 'this request is still being received; try again in a few seconds')
      }
      throw notFound()
    }
    const address = normalizeEmail(form.email)
    if (!access.address || access.address !== address) throw notFound()
    const inbound: InboundMessage = {
      event_id: stableId('inbound', 'web_form', messageId),
      occurred_at: Date.now(),
      channel: 'web_form',
      channel_message_id: messageId,
      // Identity places it: on this ticket while it is open, on a new one linked to it once resolved.
      ticket_id: null,
      follow_up_of: id,
      sender: { name: null, email: address, phone: null, verified: false },
      subject: access.subject,
      category: access.category,
      priority: access.priority,
      content: form.message,
      thread_id: null,
    }
    // Keyed like the form's submissions: one customer's messages stay in order on one partition.
    await deps.transport.publish([{ topic: Topics.ticketsIncoming, key: address, value: inbound }])
    acceptedFollowUp(ctx, id, messageId)
  })

  return router
}

/** One answer for every wrong pair, whichever half was wrong: it says nothing about either. */
const notFound = () => new HttpError(404, 'ticket_not_found', 'no request matches this ticket and email address')

const statusUrl = (id: string) => `/support/ticket/${id}`

function ticketIdParam(raw: string | undefined): string {
  const id = raw ?? ''
  if (id.length > 100) throw new HttpError(400, 'invalid_ticket_id', 'ticket id is too long')
  // Ticket ids are TKT-<hex>-<hex> or UUIDs; anything else (a NUL byte, say, which Postgres
  // refuses outright) cannot name a ticket, so it never reaches the database.
  if (!/^[A-Za-z0-9-]+$/.test(id)) throw new HttpError(404, 'ticket_not_found', 'no such ticket')
  return id
}

function requireJson(ctx: Koa.Context): void {
  if (!ctx.is('application/json')) throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json')
}

/** The ticket as its customer sees it; one we issued but nobody has processed yet reads as received. */
async function customerView(deps: GatewayDeps, id: string): Promise<TicketView | null> {
  const view = await ticketView(deps.db, id)
  if (view) return view
  return isIssuedTicketId(deps.config.ticketSecret, id) ? receivedTicketView(id) : null
}

function acceptedFollowUp(ctx: Koa.Context, ticketId: string, messageId: string): void {
  ctx.status = 202
  ctx.set('Location', statusUrl(ticketId))
  ctx.body = { ticket_id: ticketId, message_id: messageId, status: 'received', status_url: statusUrl(ticketId) }
}

/** The status page: the widget's bundle and styles, mounted on the ticket, under the form page's CSP. */
function page(ctx: Koa.Context, deps: GatewayDeps, opts: { title: string; data: Record<string, string> }): void {
  const nonce = randomBytes(16).toString('base64')
  ctx.set('Content-Security-Policy', supportPageCsp(nonce, deps.config.http.corsOrigins))
  ctx.set('X-Content-Type-Options', 'nosniff')
  ctx.type = 'text/html; charset=utf-8'
  ctx.body = supportPage({ nonce, title: opts.title, data: opts.data })
}
