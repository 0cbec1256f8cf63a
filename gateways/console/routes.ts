import Router from '@koa/router'
import type Koa from 'koa'
import { bodyParser } from '@koa/bodyparser'
import type { GatewayDeps } from '../http/deps.js'
import { compressedAsset, scriptBundle, sendAsset, type CompressedAsset } from '../http/scriptBundle.js'
import { staffByToken } from '../staff/accounts.js'
import {
  clearSessionCookie, endSession, requestFromForeignOrigin, sessionCookieOf, sessionSecret, setSessionCookie, staffBySession, startSession,
} from '../staff/session.js'
import { CONSOLE_CSP, consoleShell, signedInPage, signInPage } from './pages.js'
import { redeemSignInCode } from './signInLinks.js'
import { CONSOLE_CSS } from './styles.js'

/** The app's own paths: each serves the same shell, so a reload or a shared link opens that screen. */
const APP_PATHS = ['/console', '/console/tickets/:id', '/console/merges', '/console/reports', '/console/knowledge']

// The app-wide parser reads JSON only; the sign-in page is a plain HTML form.
const formParser = bodyParser({ enableTypes: ['form'], formLimit: '8kb', encoding: 'utf-8' })

const SPENT_LINK = 'This sign-in link was already used or has expired. Sign in with your token, or ask an admin for a new link.'
const BAD_TOKEN = 'That token is not valid. Check that you copied all of it, or ask an admin for a new one.'

/** Where to go after signing in: one of the app's own screens, never another site. */
const screenOrHome = (next: unknown) =>
  typeof next === 'string' && /^\/console(\/tickets\/[A-Za-z0-9-]{1,100}|\/merges|\/reports|\/knowledge)?$/.test(next) ? next : '/console'

const consoleScript = scriptBundle({ entry: new URL('./app/main', import.meta.url), what: 'staff console' })
let stylesheet: Promise<CompressedAsset> | undefined

/** Every console response: no framing, no referrer (a sign-in link carries its code), nothing cached but the assets. */
const consoleHeaders: Koa.Middleware = async (ctx, next) => {
  ctx.set('Content-Security-Policy', CONSOLE_CSP)
  ctx.set('X-Frame-Options', 'DENY')
  ctx.set('Referrer-Policy', 'no-referrer')
  ctx.set('X-Content-Type-Options', 'nosniff')
  ctx.set('Cross-Origin-Opener-Policy', 'same-origin')
  ctx.set('Cross-Origin-Resource-Policy', 'same-origin')
  ctx.set('Cache-Control', 'no-store')
  await next()
}

const html = (ctx: Koa.Context, status: number, body: string) => {
  ctx.status = status
  ctx.type = 'text/html; charset=utf-8'
  ctx.body = body
}

/**
 * The staff console at /console: a React app over the staff API, and its sign-in. The app's
 * shell and script hold no data; everything it shows comes from the staff routes, which take its
 * session cookie (gateways/staff/auth.ts). Signing in makes a session (gateways/staff/session.ts)
 * from a personal token posted by the form, or from a one-time link (signInLinks.ts).
 */
export function consoleRoutes(deps: GatewayDeps): Router {
  const router = new Router()
  const secret = () => sessionSecret(deps)
  const signIn = async (ctx: Koa.Context, email: string) => {
    const session = await startSession(deps.db, await secret(), email)
    if (session) setSessionCookie(ctx, session.cookie, session.expiresAt)
    return !!session
  }

  router.get(APP_PATHS, consoleHeaders, async (ctx) => {
    const cookie = sessionCookieOf(ctx)
    const member = await staffBySession(deps.db, await secret(), cookie)
    if (member) return html(ctx, 200, consoleShell())
    if (cookie) clearSessionCookie(ctx)
    ctx.set('WWW-Authenticate', 'Bearer')
    html(ctx, 401, signInPage({ next: ctx.path === '/console' ? undefined : ctx.path }))
  })

  router.get('/console/app.js', consoleHeaders, async (ctx) => {
    const bundle = await consoleScript()
    // Revalidated on every load (a cheap 304): the shell names the script without a version.
    ctx.set('Cache-Control', 'no-cache')
    sendAsset(ctx, bundle, 'application/javascript; charset=utf-8')
  })

  router.get('/console/console.css', consoleHeaders, async (ctx) => {
    stylesheet ??= compressedAsset(Buffer.from(CONSOLE_CSS, 'utf8'))
    ctx.set('Cache-Control', 'no-cache')
    sendAsset(ctx, await stylesheet, 'text/css; charset=utf-8')
  })

  router.get('/console/sign-in', consoleHeaders, async (ctx) => {
    const code = ctx.query.code
    if (code === undefined) return html(ctx, 200, signInPage())
    const email = typeof code === 'string' ? await redeemSignInCode(deps.db, code) : null
    if (!email || !(await signIn(ctx, email))) {
      return html(ctx, 401, signInPage({ error: SPENT_LINK }))
    }
    const site = ctx.get('Sec-Fetch-Site')
    if (site === 'cross-site' || site === 'same-site') return html(ctx, 200, signedInPage())
    ctx.status = 303
    ctx.redirect('/console')
  })

  router.post('/console/sign-in', consoleHeaders, async (ctx) => {
    // A forged cross-site sign-in would put the victim in someone else's account. Only what the
    // browser names as foreign is refused: the form must work on plain http too (session.ts).
    if (requestFromForeignOrigin(ctx, deps.config)) {
      return html(ctx, 403, signInPage({ error: 'Sign in from this page: the request did not come from the console.' }))
    }
    if (ctx.is('application/x-www-form-urlencoded')) {
      if (ctx.request.rawBody === undefined) ctx.request.body = undefined
      await formParser(ctx, async () => undefined)
    }
    const body = (ctx.request.body ?? {}) as Record<string, unknown>
    const token = typeof body.token === 'string' ? body.token.trim() : ''
    const next = screenOrHome(body.next)
    const member = token && token.length <= 200 ? await staffByToken(deps.db, token) : null
    if (!member || !(await signIn(ctx, member.email))) {
      const error = token ? BAD_TOKEN : 'Enter your staff token.'
      return html(ctx, 401, signInPage({ error, next: next === '/console' ? undefined : next }))
    }
    ctx.status = 303
    ctx.redirect(next)
  })

  router.post('/console/sign-out', consoleHeaders, async (ctx) => {
    if (requestFromForeignOrigin(ctx, deps.config)) {
      return html(ctx, 403, signInPage({ error: 'Sign out from the console: the request did not come from it.' }))
    }
    await endSession(deps.db, await secret(), sessionCookieOf(ctx))
    clearSessionCookie(ctx)
    ctx.status = 303
    ctx.redirect('/console/sign-in')
  })

  return router
}
