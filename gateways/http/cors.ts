import type Koa from 'koa'

/**
 * CORS for an API that other sites may call from the browser (the embeddable web form).
 * No credentials are involved (the form API uses no cookies), so `*` is safe to honour as given.
 * A request from an origin not on the list gets no CORS headers at all: the browser then
 * refuses to hand the answer to the page, which is the whole protection.
 */
export interface CorsOptions {
  /** Allowed origins (`https://shop.example.com`), or `*`; empty = same origin only. */
  origins: readonly string[]
  methods: readonly string[]
  allowHeaders: readonly string[]
  /** Response headers the page may read (Retry-After on a 429, Location on a 202). */
  exposeHeaders?: readonly string[]
  /** How long a browser may cache a preflight answer. */
  maxAgeSeconds?: number
}

/** `https://Shop.example.com:443/` and `https://shop.example.com` are one origin; garbage is null. */
export function normalizeOrigin(origin: string): string | null {
  const o = origin.trim()
  if (o === '*' || o === 'null') return o
  try {
    const url = new URL(o)
    return url.origin === 'null' ? null : url.origin
  } catch {
    return null
  }
}

/** The value for Access-Control-Allow-Origin, or null when this origin may not read the answer. */
export function allowedOrigin(configured: readonly string[], requestOrigin: string | undefined): string | null {
  if (!requestOrigin) return null
  const allowed = configured.map(normalizeOrigin)
  if (allowed.includes('*')) return '*'
  const origin = normalizeOrigin(requestOrigin)
  // 'null' (sandboxed iframes, file://) is shared by every such page, so only `*` admits it.
  return origin && origin !== 'null' && allowed.includes(origin) ? origin : null
}

/** Answers preflights itself and decorates real requests; scope it to the API's paths. */
export function cors(opts: CorsOptions): Koa.Middleware {
  const varies = !opts.origins.some((o) => o.trim() === '*')
  return async (ctx, next) => {
    const allow = allowedOrigin(opts.origins, ctx.get('Origin') || undefined)
    // The answer depends on Origin, so shared caches must key on it.
    if (varies) ctx.vary('Origin')
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
      ctx.status = 204
      if (allow) {
        ctx.set('Access-Control-Allow-Origin', allow)
        ctx.set('Access-Control-Allow-Methods', opts.methods.join(', '))
        ctx.set('Access-Control-Allow-Headers', opts.allowHeaders.join(', '))
        ctx.set('Access-Control-Max-Age', String(opts.maxAgeSeconds ?? 600))
      }
      return
    }
    if (allow) {
      // Set before next(): errorMiddleware keeps headers, so 4xx/5xx answers stay readable too.
      ctx.set('Access-Control-Allow-Origin', allow)
      if (opts.exposeHeaders?.length) ctx.set('Access-Control-Expose-Headers', opts.exposeHeaders.join(', '))
    }
    await next()
  }
}
