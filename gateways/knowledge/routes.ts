import { randomUUID } from 'node:crypto'
import Router from '@koa/router'
import * as z from 'zod'
import { Topics, type KnowledgeCandidateChanged } from '../../schemas/index.js'
import { candidateList, type CandidateState } from '../../projections/knowledgeCandidates/candidateViews.js'
import { articleIdFor } from '../../platform/ids.js'
import { HttpError } from '../http/errors.js'
import type { GatewayDeps } from '../http/deps.js'
import { requireStaff, type StaffState } from '../staff/auth.js'
import { badParameter } from '../http/errors.js'

const STATES = ['pending', 'approved', 'rejected', 'all'] as const
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
const approveBody = z.object({ title: text(300).optional(), body: text(20_000).optional(), category: text(60).optional() })
const rejectBody = z.object({ note: text(2_000).optional() })

const candidateIdOf = (raw: string | undefined) => {
  if (!raw || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)) throw new HttpError(404, 'candidate_not_found', 'no such knowledge candidate')
  return raw.toLowerCase()
}

/**
 * Knowledge learned from resolved tickets: agents and admins see the candidates; only an admin
 * approves one into the knowledge base (published as an article, embedded like the others) or
 * rejects it. Both are events; the read model and the article follow from them.
 */
export function knowledgeRoutes(deps: GatewayDeps): Router<StaffState> {
  const router = new Router<StaffState>()
  const work = requireStaff(deps, 'work')
  const admin = requireStaff(deps, 'admin')

  const candidateOf = async (raw: string | undefined) => {
    const id = candidateIdOf(raw)
    const [c] = await candidateList(deps.db, null, id)
    if (!c) throw new HttpError(404, 'candidate_not_found', `no knowledge candidate ${id}`)
    return c
  }
  const pendingCandidate = async (raw: string | undefined) => {
    const c = await candidateOf(raw)
    if (c.state !== 'pending') throw new HttpError(409, 'candidate_decided', `the candidate was already ${c.state}`)
    return c
  }
  const decide = async (ctx: { state: StaffState }, c: Awaited<ReturnType<typeof pendingCandidate>>, fields: Partial<KnowledgeCandidateChanged>) => {
    const value: KnowledgeCandidateChanged = {
      event_id: randomUUID(),
      occurred_at: Date.now(),
      candidate_id: c.candidate_id,
      state: 'rejected',
      ticket_id: c.ticket.ticket_id,
      title: c.title,
      body: c.body,
      category: c.category,
      staff_email: ctx.state.staff.email,
      staff_name: ctx.state.staff.name,
      article_id: null,
      note: null,
      ...fields,
    }
    await deps.transport.publish([{ topic: Topics.knowledgeCandidates, key: c.candidate_id, value }])
    return value
  }

  router.get('/api/knowledge/candidates', work, async (ctx) => {
    const raw = ctx.query.state ?? 'pending'
    if (typeof raw !== 'string' || !(STATES as readonly string[]).includes(raw)) throw badParameter('state', `must be one of ${STATES.join(', ')}`)
    ctx.body = { candidates: await candidateList(deps.db, raw === 'all' ? null : (raw as CandidateState)) }
  })

  router.get('/api/knowledge/candidates/:id', work, async (ctx) => {
    ctx.body = await candidateOf(ctx.params.id)
  })

  router.post('/api/knowledge/candidates/:id/approve', admin, async (ctx) => {
    const edits = approveBody.parse(ctx.request.body ?? {})
    const c = await pendingCandidate(ctx.params.id)
    const decided = await decide(ctx, c, { state: 'approved', article_id: articleIdFor(c.candidate_id), ...edits })
    ctx.status = 202
    ctx.body = { candidate_id: c.candidate_id, state: 'approved', article_id: decided.article_id }
  })

  router.post('/api/knowledge/candidates/:id/reject', admin, async (ctx) => {
    const { note } = rejectBody.parse(ctx.request.body ?? {})
    const c = await pendingCandidate(ctx.params.id)
    await decide(ctx, c, { state: 'rejected', note: note ?? null })
    ctx.status = 202
    ctx.body = { candidate_id: c.candidate_id, state: 'rejected' }
  })

  return router
}
