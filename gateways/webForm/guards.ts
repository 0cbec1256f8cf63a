import type Koa from 'koa'
import type { GatewayDeps } from '../http/deps.js'
import { cors } from '../http/cors.js'
import { rateLimit, SlidingWindowLimiter } from '../http/rateLimit.js'

/** The form API that embedding pages call from the browser: submit, and the ticket status poll. */
const FORM_API = /^\/support\/(?:submit|ticket\/[^/]+)\/?$/
const SUBMIT = /^\/support\/submit\/?$/

/**
 * CORS and the per-client submission brake for the web-form API. Mounted before the body parser,
 * so refused requests cost no parsing and preflights never reach the router.
 */
export function webFormGuards({ config }: Pick<GatewayDeps, 'config'>, opts: { now?: () => number } = {}): Koa.Middleware {
  const allowCors = cors({
    origins: config.http.corsOrigins,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type'],
    exposeHeaders: ['Location', 'Retry-After'],
  })
  const limiter = new SlidingWindowLimiter({ limit: config.http.formRateLimitPerMinute, windowMs: 60_000, now: opts.now })
  // ctx.ip honours X-Forwarded-For (the app is created with proxy: true, behind the ingress).
  const brake = rateLimit(limiter, { key: (ctx) => ctx.ip, what: 'support form submissions' })
  return async (ctx, next) => {
    if (!FORM_API.test(ctx.path)) return next()
    await allowCors(ctx, async () => {
      if (ctx.method === 'POST' && SUBMIT.test(ctx.path)) await brake(ctx, next)
      else await next()
    })
  }
}
