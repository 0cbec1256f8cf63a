import Router from '@koa/router'
import Koa from 'koa'
import { registry } from '../../platform/metrics.js'
import type { GatewayDeps } from '../http/deps.js'

/**
 * Served by every process, workers included, for the probes:
 * - GET /health (liveness): 200 while the process can answer at all. Nothing external is
 *   checked: restarting a pod does not bring a database back, and would only add churn.
 * - GET /ready (readiness): 200 when started, not shutting down, every dependency answering
 *   (database, the log: Kafka and the registry, or the embedded table), every consumer group
 *   joined and running, and no partition waiting on a transient fault; 503 with the reasons
 *   otherwise. The reasons name components and partitions, never an error's text or a customer.
 */
export function opsRoutes(deps: GatewayDeps): Router {
  const router = new Router()
  router.get('/health', (ctx) => {
    ctx.set('Cache-Control', 'no-store')
    ctx.body = { status: 'alive', transport: deps.transport.kind }
  })
  router.get('/ready', async (ctx) => {
    const r = await deps.health.readiness()
    ctx.set('Cache-Control', 'no-store')
    ctx.status = r.ready ? 200 : 503
    // The gateway's port is public: the errors themselves (hosts, addresses, provider answers)
    // stay in the logs; this says which component and which partition, and for how long.
    ctx.body = {
      status: r.state,
      checks: Object.fromEntries(Object.entries(r.checks).map(([name, result]) => [name, result === 'ok' ? 'ok' : 'unavailable'])),
      stalled: r.stalled.map(({ error: _error, ...where }) => where),
    }
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
