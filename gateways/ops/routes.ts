import Router from '@koa/router'
import Koa from 'koa'
import { registry } from '../../platform/metrics.js'
import type { GatewayDeps } from '../http/deps.js'

/** GET /health: served by every process, workers included, for the probes. */
export function opsRoutes(deps: GatewayDeps): Router {
  const router = new Router()
  router.get('/health', (ctx) => {
    const ok = deps.ready()
    ctx.status = ok ? 200 : 503
    ctx.body = { status: ok ? 'ok' : 'starting', transport: deps.transport.kind }
  })
  return router
}

/**
 * GET /metrics on its own port (FTE_METRICS_PORT), for Prometheus inside the cluster: the numbers
 * describe the business (volumes per channel, failures), so they never share the public port.
 */
export function metricsApp(): Koa {
  const app = new Koa()
  app.use(async (ctx) => {
    if (ctx.method !== 'GET' || ctx.path !== '/metrics') {
      ctx.status = 404
      ctx.body = { error: 'not_found', message: 'this port serves GET /metrics only' }
      return
    }
    ctx.type = registry.contentType
    ctx.body = await registry.metrics()
  })
  return app
}
