import { randomUUID } from 'node:crypto'
import Router from '@koa/router'
import * as z from 'zod'
import { Topics, type CustomerLinkChanged, type CustomersMerged } from '../../schemas/index.js'
import { normalizeEmail, normalizePhone } from '../../platform/identifiers.js'
import { customerLookup } from '../../projections/customers/customerLookup.js'
import { customerForMerge, pendingSuggestions, suggestionById } from '../../projections/customers/linkSuggestions.js'
import { HttpError } from '../http/errors.js'
import type { GatewayDeps } from '../http/deps.js'
import { requireStaff, type StaffState } from '../staff/auth.js'

const customerId = z.string({ error: 'is required' }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a customer id')
const mergeBody = z
  .object({ survivor: customerId, merged: customerId })
  .refine((b) => b.survivor.toLowerCase() !== b.merged.toLowerCase(), { path: ['merged'], message: 'must be another customer than survivor' })

/**
 * Customers, for staff: GET /customers/lookup?email=|phone= (a customer with their identifiers,
 * conversations and tickets), the suggested links identity recorded, and a person's merge or
 * dismissal of one. Merging is the only way two customers become one (docs/identity.md).
 */
export function customerRoutes(deps: GatewayDeps): Router<StaffState> {
  const router = new Router<StaffState>()
  router.get('/customers/lookup', requireStaff(deps, 'read'), async (ctx) => {
    const { email, phone } = ctx.query
    if (typeof email === 'string' && email) {
      const value = normalizeEmail(email)
      if (!value) throw new HttpError(422, 'validation_failed', 'email: must be a valid email address', [{ field: 'email', message: 'must be a valid email address' }])
      ctx.body = (await customerLookup(deps.db, { kind: 'email', value })) ?? notFound()
    } else if (typeof phone === 'string' && phone) {
      const value = normalizePhone(phone)
      if (!value) throw new HttpError(422, 'validation_failed', 'phone: must be E.164 (+15551234567)', [{ field: 'phone', message: 'must be E.164 (+15551234567)' }])
      ctx.body = (await customerLookup(deps.db, { kind: 'phone', value })) ?? notFound()
    } else {
      throw new HttpError(422, 'validation_failed', 'give email or phone', [{ field: 'email', message: 'email or phone is required' }])
    }
  })

  router.get('/api/customers/suggestions', requireStaff(deps, 'read'), async (ctx) => {
    ctx.body = { suggestions: await pendingSuggestions(deps.db) }
  })

  router.post('/api/customers/merge', requireStaff(deps, 'work'), async (ctx) => {
    const body = mergeBody.parse(ctx.request.body ?? {})
    const [survivor, merged] = [body.survivor.toLowerCase(), body.merged.toLowerCase()]
    const found = { survivor: await customerForMerge(deps.db, survivor), merged: await customerForMerge(deps.db, merged) }
    for (const field of ['survivor', 'merged'] as const) {
      const c = found[field]
      if (!c) throw new HttpError(404, 'customer_not_found', `${field}: no customer ${body[field]}`, [{ field, message: 'no such customer' }])
      if (c.merged_into) {
        throw new HttpError(409, 'already_merged', `${field}: already merged into ${c.merged_into}`, [{ field, message: `already merged into ${c.merged_into}` }])
      }
    }
    const staff = ctx.state.staff
    const merge: CustomersMerged = {
      event_id: randomUUID(),
      occurred_at: Date.now(),
      survivor_id: survivor,
      merged_ids: [merged],
      identifiers: found.merged!.identifiers,
      reason: `confirmed by ${staff.name} <${staff.email}>`,
      merged_by: staff.email,
    }
    await deps.transport.publish([{ topic: Topics.customersMerged, key: survivor, value: merge }])
    ctx.status = 202
    ctx.body = { survivor, merged: [merged] }
  })

  router.post('/api/customers/suggestions/:id/dismiss', requireStaff(deps, 'work'), async (ctx) => {
    const id = ctx.params.id ?? ''
    const s = /^[0-9a-f-]{36}$/i.test(id) ? await suggestionById(deps.db, id) : null
    if (!s) throw new HttpError(404, 'suggestion_not_found', `no suggestion ${id.slice(0, 100)}`)
    if (s.status !== 'pending') throw new HttpError(409, 'suggestion_decided', `the suggestion is already ${s.status}`)
    const dismissal: CustomerLinkChanged = {
      event_id: randomUUID(),
      occurred_at: Date.now(),
      suggestion_id: id,
      customer_ids: [s.customer_a, s.customer_b],
      identifiers: [],
      reason: `dismissed by ${ctx.state.staff.name}`,
      state: 'dismissed',
      staff_email: ctx.state.staff.email,
    }
    await deps.transport.publish([{ topic: Topics.customerLinks, key: id, value: dismissal }])
    ctx.status = 202
    ctx.body = { suggestion_id: id, status: 'dismissed' }
  })
  return router
}

function notFound(): never {
  throw new HttpError(404, 'customer_not_found', 'no customer with that identifier')
}
