import Koa from 'koa'
import { randomUUID } from 'node:crypto'
import { acceptableRequestId, withCorrelation } from '../platform/correlation.js'
import type Router from '@koa/router'
import { bodyParser } from '@koa/bodyparser'
import { metrics } from '../platform/metrics.js'
import { errorMiddleware } from './http/errors.js'
import { proxyOptions } from './http/clientAddress.js'
import type { GatewayDeps } from './http/deps.js'
import { opsRoutes } from './ops/routes.js'
import { customerRoutes } from './customers/routes.js'
import { webFormRoutes } from './webForm/routes.js'
import { webFormGuards } from './webForm/guards.js'
import { ticketStatusRoutes } from './webForm/statusRoutes.js'
import { whatsappRoutes } from './whatsapp/routes.js'
import { gmailRoutes } from './gmail/routes.js'
import { staffRoutes } from './staff/routes.js'
import { consoleRoutes } from './console/routes.js'
import { reportRoutes } from './reports/routes.js'
import { knowledgeRoutes } from './knowledge/routes.js'

/** The routers that serve people and providers; worker processes leave them out. */
const PUBLIC_ROUTERS: ((deps: GatewayDeps) => Router<any>)[] = [
  customerRoutes, staffRoutes, reportRoutes, knowledgeRoutes, consoleRoutes, webFormRoutes, ticketStatusRoutes, whatsappRoutes, gmailRoutes,
]

/**
 * The HTTP surface, assembled in one place: every router takes the same GatewayDeps. Every
 * process serves /health and /metrics; `publicRoutes` adds the customer-facing and webhook routes.
 */
export function createGateway(deps: GatewayDeps & { publicRoutes: boolean }): Koa {
  const app = new Koa(proxyOptions(deps.config.http.trustedProxyHops))
  // Every request has a correlation id (the caller's X-Request-Id when it is a sane one), echoed
  // back, carried by the events it publishes and named by every log line it causes.
  app.use(async (ctx, next) => {
    const given = ctx.get('x-request-id')
    const id = acceptableRequestId(given) ? given : randomUUID()
    ctx.set('X-Request-Id', id)
    await withCorrelation(id, next)
  })
  app.use(async (ctx, next) => {
    await next()
    metrics.httpRequests.inc({ route: (ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? 'unmatched', status: String(ctx.status) })
  })
  app.use(errorMiddleware(deps.log))
  // Web-form CORS and submit rate limit: before the body parser, so refused requests cost nothing.
  if (deps.publicRoutes) app.use(webFormGuards(deps))
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '64kb', encoding: 'utf-8' }))
  const routers = [opsRoutes, ...(deps.publicRoutes ? PUBLIC_ROUTERS : [])].map((r) => r(deps))
  for (const router of routers) app.use(router.routes()).use(router.allowedMethods())
  return app
}
