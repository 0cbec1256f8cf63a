import Koa from 'koa'
import Router from '@koa/router'
import { bodyParser } from '@koa/bodyparser'
import type { Config } from '../platform/config.js'
import type { Queryable } from '../platform/db.js'
import type { Logger } from '../platform/log.js'
import type { Transport } from '../platform/transport/contract.js'
import { registry, metrics } from '../platform/metrics.js'
import { normalizeEmail, normalizePhone } from '../platform/identifiers.js'
import { customerLookup } from '../projections/customers/customerLookup.js'
import { webFormRoutes } from './webForm/routes.js'
import { webFormGuards } from './webForm/guards.js'
import { channelRoutes } from './channels.js'
import { errorMiddleware, HttpError } from './http/errors.js'

export interface GatewayDeps {
  config: Config
  db: Queryable
  transport: Transport
  log: Logger
  /** False until migrations ran and topics/schemas are ready; /health answers 503 until then. */
  ready: () => boolean
  /** Serve the customer-facing routes; worker processes serve only /health and /metrics. */
  publicRoutes: boolean
}

/**
 * The client address (rate limits) is the X-Forwarded-For entry our own proxies appended; entries
 * to the left of those are whatever the client sent and cannot be trusted.
 */
export const proxyOptions = (trustedHops: number) => ({ proxy: trustedHops > 0, maxIpsCount: trustedHops })

/** The HTTP surface: routes read like a table of contents. Every process serves /health and /metrics. */
export function createGateway(deps: GatewayDeps): Koa {
  const app = new Koa(proxyOptions(deps.config.http.trustedProxyHops))
  const root = new Router()

  root.get('/health', (ctx) => {
    const ok = deps.ready()
    ctx.status = ok ? 200 : 503
    ctx.body = { status: ok ? 'ok' : 'starting', transport: deps.transport.kind }
  })
  root.get('/metrics', async (ctx) => {
    ctx.type = registry.contentType
    ctx.body = await registry.metrics()
  })
  if (deps.publicRoutes) root.get('/customers/lookup', async (ctx) => {
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

  app.use(async (ctx, next) => {
    await next()
    metrics.httpRequests.inc({ route: (ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? 'unmatched', status: String(ctx.status) })
  })
  app.use(errorMiddleware(deps.log))
  // Web-form CORS and submit rate limit: before the body parser, so refused requests cost nothing.
  if (deps.publicRoutes) app.use(webFormGuards(deps.config))
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '64kb', encoding: 'utf-8' }))
  app.use(root.routes()).use(root.allowedMethods())
  if (deps.publicRoutes) {
    for (const router of [webFormRoutes(deps), ...channelRoutes(deps)]) app.use(router.routes()).use(router.allowedMethods())
  }
  return app
}

function notFound(): never {
  throw new HttpError(404, 'customer_not_found', 'no customer with that identifier')
}
