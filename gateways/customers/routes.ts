import Router from '@koa/router'
import { normalizeEmail, normalizePhone } from '../../platform/identifiers.js'
import { customerLookup } from '../../projections/customers/customerLookup.js'
import { HttpError } from '../http/errors.js'
import type { GatewayDeps } from '../http/deps.js'
import { requireStaff } from '../staff/auth.js'

/** GET /customers/lookup?email=|phone=: a customer with their identifiers, conversations and tickets. Staff only. */
export function customerRoutes(deps: GatewayDeps): Router {
  const router = new Router()
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
  return router
}

function notFound(): never {
  throw new HttpError(404, 'customer_not_found', 'no customer with that identifier')
}
