import type Koa from 'koa'
import type { GatewayDeps } from '../http/deps.js'
import { cors } from '../http/cors.js'
import { rateLimit, SlidingWindowLimiter } from '../http/rateLimit.js'

/** The form API that embedding pages call from the browser: submit, check, the status poll, follow-ups. */
const FORM_API = /^\/support\/(?:submit|check|ticket\/[^/]+(?:\/messages)?)\/?$/
const SUBMIT = /^\/support\/submit\/?$/
const FOLLOW_UP = /^\/support\/ticket\/[^/]+\/messages\/?$/
const CHECK = /^\/support\/check\/?$/

/**
 * CORS and the per-client brakes for the web-form API: one for what a client writes (submissions
 * and follow-ups share it), one for "check a request" (each attempt is a guess at a number for an
 * address). Mounted before the body parser, so refused requests cost no parsing and preflights
 * never reach the router.
 */
export function webFormGuards({ config }: Pick<GatewayDeps, 'config'>, opts: { now?: () => number } = {}): Koa.Middleware {
  const allowCors = cors({
    origins: config.http.corsOrigins,
    methods: ['GET', 'POST', 'OPTIONS'],
    // Idempotency-Key: a widget on another origin may retry a submission safely.
    allowHeaders: ['Content-Type', 'Idempotency-Key'],
    exposeHeaders: ['Location', 'Retry-After'],
  })
  const limiter = new SlidingWindowLimiter({ limit: config.http.formRateLimitPerMinute, windowMs: 60_000, now: opts.now })
  // ctx.ip honours X-Forwarded-For (the app is created with proxy: true, behind the ingress).
  const brake = rateLimit(limiter, { key: (ctx) => ctx.ip, what: 'support form submissions' })
  const followUpBrake = rateLimit(limiter, { key: (ctx) => ctx.ip, what: 'support messages' })
  const checks = new SlidingWindowLimiter({ limit: config.http.checkRateLimitPerMinute, windowMs: 60_000, now: opts.now })
  const checkBrake = rateLimit(checks, { key: (ctx) => ctx.ip, what: 'ticket checks' })
  return async (ctx, next) => {
    if (!FORM_API.test(ctx.path)) return next()
    await allowCors(ctx, async () => {
      if (ctx.method !== 'POST') await next()
      else if (SUBMIT.test(ctx.path)) await brake(ctx, next)
      else if (FOLLOW_UP.test(ctx.path)) await followUpBrake(ctx, next)
      else if (CHECK.test(ctx.path)) await checkBrake(ctx, next)
      else await next()
    })
  }
}
