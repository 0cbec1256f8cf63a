import type Koa from 'koa'

export type Verdict = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number }

export interface SlidingWindowOptions {
  limit: number
  windowMs: number
  /**
   * Clients remembered at most. Beyond it the longest-known client is forgotten: under a flood of
   * distinct (possibly spoofed) addresses memory stays bounded, at the price of leniency.
   */
  maxKeys?: number
  now?: () => number
}

/**
 * Sliding-window log per key: a hit is allowed when fewer than `limit` allowed hits happened in
 * the last `windowMs`. Exact (no burst at a fixed window's edge, unlike per-minute buckets), and
 * cheap because a key never holds more than `limit` timestamps: refused hits are not recorded,
 * so a client that keeps hammering gets back in as soon as its oldest hit ages out.
 *
 * In memory, per process: with N gateway pods a client gets up to N x limit. That is the intended
 * trade-off for a spam brake (no shared store on the request path).
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>()
  private lastSweep: number
  private readonly now: () => number
  private readonly maxKeys: number

  constructor(private readonly opts: SlidingWindowOptions) {
    if (!(opts.limit >= 1) || !(opts.windowMs > 0)) throw new Error('limit must be >= 1 and windowMs > 0')
    this.now = opts.now ?? Date.now
    this.maxKeys = opts.maxKeys ?? 100_000
    this.lastSweep = this.now()
  }

  get limit(): number {
    return this.opts.limit
  }

  get windowMs(): number {
    return this.opts.windowMs
  }

  /** Clients currently remembered (for tests and curiosity). */
  get size(): number {
    return this.hits.size
  }

  take(key: string): Verdict {
    const now = this.now()
    this.sweep(now)
    const since = now - this.opts.windowMs
    let log = this.hits.get(key)
    if (log) {
      let expired = 0
      while (expired < log.length && log[expired]! <= since) expired++
      if (expired) log.splice(0, expired)
    } else {
      if (this.hits.size >= this.maxKeys) this.hits.delete(this.hits.keys().next().value!)
      log = []
      this.hits.set(key, log)
    }
    if (log.length >= this.opts.limit) return { allowed: false, retryAfterMs: log[0]! + this.opts.windowMs - now }
    log.push(now)
    return { allowed: true, remaining: this.opts.limit - log.length }
  }

  /** Forgets idle clients once per window, so memory follows active clients, not all ever seen. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.opts.windowMs) return
    this.lastSweep = now
    const since = now - this.opts.windowMs
    for (const [key, log] of this.hits) if (!log.length || log[log.length - 1]! <= since) this.hits.delete(key)
  }
}

/**
 * 429 with Retry-After (whole seconds, rounded up) and a JSON error naming the limit. Answered
 * directly rather than thrown so the headers set by outer middleware (CORS) and here survive.
 */
export function rateLimit(limiter: SlidingWindowLimiter, opts: { key: (ctx: Koa.Context) => string; what: string }): Koa.Middleware {
  return async (ctx, next) => {
    const verdict = limiter.take(opts.key(ctx))
    if (verdict.allowed) return next()
    const retryAfter = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))
    const windowSeconds = Math.round(limiter.windowMs / 1000)
    ctx.status = 429
    ctx.set('Retry-After', String(retryAfter))
    ctx.body = {
      error: 'rate_limited',
      message: `too many ${opts.what}: at most ${limiter.limit} per ${windowSeconds === 60 ? 'minute' : `${windowSeconds} seconds`} from one client; retry in ${retryAfter} s`,
      limit: limiter.limit,
      window_seconds: windowSeconds,
      retry_after_seconds: retryAfter,
    }
  }
}
