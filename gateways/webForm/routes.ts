import Router from '@koa/router'
import type { Config } from '../../platform/config.js'
import type { Queryable } from '../../platform/db.js'
import type { Transport } from '../../platform/transport/contract.js'
import { Topics, type InboundMessage } from '../../schemas/index.js'
import { isIssuedTicketId, newTicketId, stableId } from '../../platform/ids.js'
import { normalizeEmail } from '../../pipelines/identity/normalize.js'
import { ticketView } from '../../projections/tickets/ticketView.js'
import { HttpError } from '../http/errors.js'
import { webFormSubmission } from './submission.js'

/** POST /support/submit and GET /support/ticket/:id: the web support form and its status page. */
export function webFormRoutes(deps: { config: Config; db: Queryable; transport: Transport }): Router {
  const router = new Router()

  router.post('/support/submit', async (ctx) => {
    if (!ctx.is('application/json')) throw new HttpError(415, 'unsupported_media_type', 'send the form as application/json')
    const form = webFormSubmission.parse(ctx.request.body ?? {})
    const ticketId = newTicketId(deps.config.ticketSecret)
    const now = Date.now()
    const inbound: InboundMessage = {
      event_id: stableId('inbound', 'web_form', ticketId),
      occurred_at: now,
      channel: 'web_form',
      channel_message_id: ticketId,
      ticket_id: ticketId,
      sender: { name: form.name, email: form.email, phone: form.phone ?? null },
      subject: form.subject,
      category: form.category,
      priority: form.priority,
      content: form.message,
      thread_id: null,
    }
    // Keyed by customer so one person's messages stay in order on one partition.
    await deps.transport.publish([{ topic: Topics.ticketsIncoming, key: normalizeEmail(form.email) ?? form.email, value: inbound }])
    ctx.status = 202
    ctx.set('Location', `/support/ticket/${ticketId}`)
    ctx.body = { ticket_id: ticketId, status: 'received', status_url: `/support/ticket/${ticketId}` }
  })

  router.get('/support/ticket/:id', async (ctx) => {
    const id = ctx.params.id ?? ''
    if (id.length > 100) throw new HttpError(400, 'invalid_ticket_id', 'ticket id is too long')
    // Ticket ids are TKT-… or UUIDs: anything else cannot exist, and must not reach SQL as text it cannot store (NUL).
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new HttpError(404, 'ticket_not_found', 'no such ticket')
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

  return router
}
