import type Koa from 'koa'
import { ZodError } from 'zod'
import type { Logger } from '../../platform/log.js'

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message)
  }
}

/** A query parameter that cannot be used: 400 naming it, with what it must be. */
export function badParameter(name: string, message: string): HttpError {
  return new HttpError(400, 'invalid_parameter', `${name}: ${message}`, [{ field: name, message }])
}

const READABLE: Record<string, string> = {
  'entity.parse.failed': 'the body is not valid JSON',
  'entity.too.large': 'the body is too large (64 KB at most)',
  'encoding.unsupported': 'the body encoding is not supported; send UTF-8',
  'charset.unsupported': 'the charset is not supported; send UTF-8',
}

/** Turns every thrown error into a JSON answer. Client mistakes are 4xx naming the field at fault. */
export function errorMiddleware(log: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next()
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404
        ctx.body = { error: 'not_found', message: `no route for ${ctx.method} ${ctx.path}` }
      }
    } catch (err) {
      if (err instanceof ZodError) {
        ctx.status = 422
        ctx.body = {
          error: 'validation_failed',
          message: 'some fields are missing or invalid',
          fields: err.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })),
        }
      } else if (err instanceof HttpError) {
        ctx.status = err.status
        ctx.body = { error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) }
      } else {
        const e = err as { status?: number; statusCode?: number; expose?: boolean; message?: string; type?: string }
        const status = e.status ?? e.statusCode
        if (status && status >= 400 && status < 500) {
          // body parser and other koa middleware: malformed JSON, too large, wrong content type
          ctx.status = status
          const type = e.type ?? (err instanceof SyntaxError ? 'entity.parse.failed' : 'bad_request')
          ctx.body = { error: type, message: READABLE[type] ?? (e.expose && e.message ? e.message : 'the request could not be read') }
        } else {
          // The route, not the path: a status page's path holds the ticket id, which is its bearer secret.
          log.error('request failed', { method: ctx.method, route: (ctx as { _matchedRoute?: string })._matchedRoute ?? '(unmatched)', error: err as Error })
          ctx.status = 503
          ctx.set('Retry-After', '2')
          ctx.body = { error: 'unavailable', message: 'the service could not accept the request just now; please retry' }
        }
      }
    }
  }
}
