import { randomUUID } from 'node:crypto'
import Router from '@koa/router'
import * as z from 'zod'
import { Topics, type KnowledgeCandidateChanged, type ReplyRequested, type StaffActionTaken } from '../../schemas/index.js'
import { replyEvent } from '../../platform/replyEvent.js'
import { parseTicketNumber, stableId } from '../../platform/ids.js'
import { normalizeEmail } from '../../platform/identifiers.js'
import type { OutgoingEvent } from '../../platform/transport/contract.js'
import { replyTarget, staffTicketView, ticketQueue, ticketState } from '../../projections/tickets/staffViews.js'
import { conversationView } from '../../projections/messages/conversationView.js'
import { HttpError } from '../http/errors.js'
import { sendCsv } from '../http/csv.js'
import { parseFormat } from '../reports/reportQuery.js'
import type { GatewayDeps } from '../http/deps.js'
import { requireStaff, type StaffState } from './auth.js'
import type { StaffMember } from './accounts.js'

const STATUSES = ['received', 'open', 'processing', 'responded', 'escalated', 'resolved', 'closed'] as const
const queueQuery = z.object({
  number: z
    .string()
    .transform((n, ctx) => parseTicketNumber(n) ?? (ctx.addIssue({ code: 'custom', message: 'must be a ticket number like 7K3Q-M2XD' }), z.NEVER))
    .optional(),
  status: z.enum(STATUSES, { error: `must be one of ${STATUSES.join(', ')}` }).optional(),
  assignee: z.string().trim().max(320).optional(),
  channel: z.enum(['email', 'whatsapp', 'web_form'], { error: 'must be email, whatsapp or web_form' }).optional(),
})
const text = (max: number) => z.string({ error: 'is required' }).trim().min(1, 'is required').max(max, `must be at most ${max} characters`)
const replyBody = z.object({ message: text(10_000) })
const assignBody = z.object({ email: z.string({ error: 'is required' }).trim().max(320) })
const noteBody = z.object({ note: text(10_000) })
const resolveBody = z.object({
  note: text(10_000).optional(),
  reply: text(10_000).optional(),
  reusable_answer: z.object({ title: text(300), body: text(20_000) }).optional(),
  // The newest customer message the person was looking at; a later one keeps the ticket open.
  seen_through: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
})

// Ticket ids are TKT-<hex>-<hex> or UUIDs: anything else names no ticket and never reaches SQL.
const ticketIdOf = (raw: string | undefined) => {
  if (!raw || raw.length > 100 || !/^[A-Za-z0-9-]+$/.test(raw)) throw new HttpError(404, 'ticket_not_found', 'no such ticket')
  return raw
}
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name

/** The answer a person offered on resolving, as a candidate an admin approves or rejects (its id follows from the action). */
const proposedKnowledge = (act: StaffActionTaken, answer: { title: string; body: string }, category: string | null): KnowledgeCandidateChanged => ({
  event_id: stableId('knowledge-candidate-proposed', act.event_id),
  occurred_at: act.occurred_at,
  candidate_id: stableId('knowledge-candidate', act.event_id),
  state: 'proposed',
  ticket_id: act.ticket_id,
  title: answer.title,
  body: answer.body,
  category: category ?? 'general',
  staff_email: act.staff_email,
  staff_name: act.staff_name,
  article_id: null,
  note: null,
})

/**
 * The staff API: the queue, a ticket with the customer's whole history, and what a person does to
 * a ticket. Every action is an event on fte.staff.actions naming who did it; the read models
 * follow from the events, so this router never writes them.
 */
export function staffRoutes(deps: GatewayDeps): Router<StaffState> {
  const router = new Router<StaffState>()
  const read = requireStaff(deps, 'read')
  const work = requireStaff(deps, 'work')

  const action = (staff: StaffMember, ticketId: string, kind: StaffActionTaken['action'], fields: Partial<StaffActionTaken> = {}): StaffActionTaken => ({
    event_id: randomUUID(),
    occurred_at: Date.now(),
    action: kind,
    ticket_id: ticketId,
    staff_email: staff.email,
    staff_name: staff.name,
    assignee: null,
    note: null,
    reply_id: null,
    reusable_answer_title: null,
    reusable_answer_body: null,
    seen_through: null,
    ...fields,
  })
  // The actions need only the status; the whole view (history, notes) is for GET.
  const stateOf = async (id: string) => {
    const state = await ticketState(deps.db, id)
    if (!state) throw new HttpError(404, 'ticket_not_found', `no ticket ${id}`)
    return state
  }
  const statusOf = async (id: string) => (await stateOf(id)).status
  const finished = (status: string) => status === 'resolved' || status === 'closed'
  /** The reply a person wrote, addressed like the agent's replies on the ticket's channel. */
  const humanReply = async (staff: StaffMember, ticketId: string, act: StaffActionTaken, message: string): Promise<ReplyRequested> => {
    const to = await replyTarget(deps.db, ticketId)
    if (!to || !to.customer_id || !to.conversation_id) throw new HttpError(409, 'ticket_not_ready', 'the ticket has no customer message to answer yet')
    const recipient = to.channel === 'email' ? to.email : to.channel === 'whatsapp' ? to.phone : ticketId
    if (!recipient) throw new HttpError(409, 'no_recipient', `the ticket's ${to.channel} message carries no address to answer`)
    const signed = to.channel === 'whatsapp' ? message : `${message}\n\n${firstName(staff.name)}\n${deps.config.company.signature}`
    const reply: ReplyRequested = {
      event_id: stableId('staff-reply', act.event_id),
      occurred_at: act.occurred_at,
      reply_id: stableId('staff-reply', act.event_id),
      ticket_id: ticketId,
      conversation_id: to.conversation_id,
      customer_id: to.customer_id,
      channel: to.channel,
      recipient,
      subject: to.subject ? (/^re:/i.test(to.subject) ? to.subject : `Re: ${to.subject}`) : null,
      content: signed,
      in_reply_to: to.in_reply_to,
      thread_id: to.thread_id,
      inbound_occurred_at: to.inbound_at ?? act.occurred_at,
      recipient_email: to.channel === 'web_form' ? to.email : null,
      author: staff.name,
    }
    act.reply_id = reply.reply_id
    return reply
  }
  const publish = async (act: StaffActionTaken, more: OutgoingEvent[] = []) =>
    deps.transport.publish([{ topic: Topics.staffActions, key: act.ticket_id, value: act }, ...more])

  router.get('/conversations/:id', read, async (ctx) => {
    const id = ctx.params.id ?? ''
    const view = /^[0-9a-f-]{36}$/i.test(id) ? await conversationView(deps.db, id) : null
    if (!view) throw new HttpError(404, 'conversation_not_found', `no conversation ${id.slice(0, 100)}`)
    if (parseFormat(ctx.query) === 'json') {
      ctx.body = view
      return
    }
    const rows = view.messages.map(({ sender, ...m }) => ({ conversation_id: id, ...m, sender_email: sender?.email, sender_phone: sender?.phone, sender_verified: sender?.verified }))
    sendCsv(ctx, `conversation-${id}.csv`, [
      'conversation_id', 'ticket_id', 'created_at', 'channel', 'direction', 'role', 'author', 'sender_email', 'sender_phone', 'sender_verified',
      'sentiment', 'delivery_status', 'delivery_error', 'content',
    ], rows)
  })

  router.get('/api/me', read, (ctx) => {
    ctx.body = ctx.state.staff
  })

  router.get('/api/tickets', read, async (ctx) => {
    ctx.body = { tickets: await ticketQueue(deps.db, queueQuery.parse(ctx.query)) }
  })

  router.get('/api/tickets/:id', read, async (ctx) => {
    const id = ticketIdOf(ctx.params.id)
    const view = await staffTicketView(deps.db, id)
    if (!view) throw new HttpError(404, 'ticket_not_found', `no ticket ${id}`)
    ctx.body = view
  })

  router.post('/api/tickets/:id/reply', work, async (ctx) => {
    const id = ticketIdOf(ctx.params.id)
    const { message } = replyBody.parse(ctx.request.body ?? {})
    if (finished(await statusOf(id))) throw new HttpError(409, 'ticket_resolved', 'the ticket is resolved; reopen it to reply')
    const act = action(ctx.state.staff, id, 'replied')
    const reply = await humanReply(ctx.state.staff, id, act, message)
    await publish(act, [replyEvent(reply)])
    ctx.status = 202
    ctx.body = { ticket_id: id, reply_id: reply.reply_id, channel: reply.channel }
  })

  router.post('/api/tickets/:id/assign', work, async (ctx) => {
    const id = ticketIdOf(ctx.params.id)
    const { email } = assignBody.parse(ctx.request.body ?? {})
    const assignee = normalizeEmail(email)
    const known = assignee ? (await deps.db.query('SELECT 1 FROM staff WHERE email = $1', [assignee])).rows.length > 0 : false
    if (!assignee || !known) throw new HttpError(422, 'validation_failed', 'email: must be a staff member', [{ field: 'email', message: 'must be a staff member' }])
    await statusOf(id)
    const act = action(ctx.state.staff, id, 'assigned', { assignee })
    await publish(act)
    ctx.status = 202
    ctx.body = { ticket_id: id, assignee }
  })

  router.post('/api/tickets/:id/notes', work, async (ctx) => {
    const id = ticketIdOf(ctx.params.id)
    const { note } = noteBody.parse(ctx.request.body ?? {})
    await statusOf(id)
    await publish(action(ctx.state.staff, id, 'note_added', { note }))
    ctx.status = 202
    ctx.body = { ticket_id: id }
  })

  router.post('/api/tickets/:id/resolve', work, async (ctx) => {
    const id = ticketIdOf(ctx.params.id)
    const body = resolveBody.parse(ctx.request.body ?? {})
    const state = await stateOf(id)
    if (finished(state.status)) throw new HttpError(409, 'ticket_resolved', 'the ticket is already resolved')
    const seen = body.seen_through ? Date.parse(body.seen_through) : null
    const act = action(ctx.state.staff, id, 'resolved', {
      seen_through: seen !== null && state.lastInboundAt !== null ? Math.min(seen, state.lastInboundAt) : state.lastInboundAt,
      note: body.note ?? null,
      reusable_answer_title: body.reusable_answer?.title ?? null,
      reusable_answer_body: body.reusable_answer?.body ?? null,
    })
    const reply = body.reply ? await humanReply(ctx.state.staff, id, act, body.reply) : null
    const candidate = body.reusable_answer ? proposedKnowledge(act, body.reusable_answer, state.category) : null
    await publish(act, [...(reply ? [replyEvent(reply)] : []), ...(candidate ? [{ topic: Topics.knowledgeCandidates, key: candidate.candidate_id, value: candidate }] : [])])
    ctx.status = 202
    ctx.body = { ticket_id: id, status: 'resolved', reply_id: act.reply_id, candidate_id: candidate?.candidate_id ?? null }
  })

  router.post('/api/tickets/:id/reopen', work, async (ctx) => {
    const id = ticketIdOf(ctx.params.id)
    if (!finished(await statusOf(id))) throw new HttpError(409, 'ticket_open', 'the ticket is not resolved')
    await publish(action(ctx.state.staff, id, 'reopened'))
    ctx.status = 202
    ctx.body = { ticket_id: id, status: 'escalated' }
  })

  return router
}
