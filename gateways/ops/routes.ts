import Router from '@koa/router'
import { registry } from '../../platform/metrics.js'
import type { GatewayDeps } from '../http/deps.js'

/** GET /health and GET /metrics: served by every process, workers included, for the probes and Prometheus. */
export function opsRoutes(deps: GatewayDeps): Router {
  const router = new Router()
  router.get('/health', (ctx) => {
    const ok = deps.ready()
    ctx.status = ok ? 200 : 503
    ctx.body = { status: ok ? 'ok' : 'starting', transport: deps.transport.kind }
  })
  router.get('/metrics', async (ctx) => {
    ctx.type = registry.contentType
    ctx.body = await registry.metrics()
  })
  return router
}
