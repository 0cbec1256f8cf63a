import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type Koa from 'koa'
import type { Config } from '../../platform/config.js'
import type { Queryable } from '../../platform/db.js'
import { normalizeOrigin } from '../http/cors.js'
import { tokenHash, type StaffMember } from './accounts.js'

/** How long a console sign-in lasts: a working day, then the member signs in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000

export interface SessionClaims {
  /** Random, 24 bytes base64url; the database keeps only its hash. */
  id: string
  expiresAt: number
}

const mac = (secret: Buffer, id: string, expiresAt: number) =>
  // The prefix keeps these MACs apart from anything else a reused key might sign.
  createHmac('sha256', secret).update(`fte-session.v1.${id}.${expiresAt}`).digest('base64url')

/** The cookie value, `v1.<id>.<expiry ms>.<HMAC-SHA256>`: a forged or edited one fails before any database read. */
export function signSession(secret: Buffer, claims: SessionClaims): string {
  return `v1.${claims.id}.${claims.expiresAt}.${mac(secret, claims.id, claims.expiresAt)}`
}

/** The claims of a cookie this server signed and that has not expired, else null. */
export function verifySession(secret: Buffer, value: string | undefined, now: number): SessionClaims | null {
  const parts = value?.split('.')
  if (!parts || parts.length !== 4) return null
  const [version, id, expiry, signature] = parts as [string, string, string, string]
  if (version !== 'v1' || !/^[A-Za-z0-9_-]{32}$/.test(id) || !/^\d{1,15}$/.test(expiry)) return null
  const expiresAt = Number(expiry)
  const expected = Buffer.from(mac(secret, id, expiresAt))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  return expiresAt > now ? { id, expiresAt } : null
}

/**
 * Whether an unsafe request comes from one of our own pages: a cross-site form or fetch would
 * carry the victim's cookie (SameSite=Strict aside), but the browser names where it comes from in
 * Origin and Sec-Fetch-Site, and no page can forge those. It must say so: a request that names no
 * origin is refused (clients that are not browsers use a bearer token). Our pages send no referrer,
 * so a browser may send `Origin: null` from them; Sec-Fetch-Site still says same-origin.
 */
export function fromOwnOrigin(req: { origin?: string; secFetchSite?: string }, own: readonly string[]): boolean {
  if (namesForeignOrigin(req, own)) return false
  const origin = req.origin ? normalizeOrigin(req.origin) : null
  return (!!origin && own.includes(origin)) || req.secFetchSite === 'same-origin'
}

/**
 * Whether the browser says outright that a request comes from another origin. The sign-in form
 * needs only this: on plain http away from localhost, a browser sends neither Sec-Fetch-Site nor
 * (under no-referrer) a real Origin, and signing in must still work there.
 */
export function namesForeignOrigin(req: { origin?: string; secFetchSite?: string }, own: readonly string[]): boolean {
  if (req.secFetchSite && req.secFetchSite !== 'same-origin' && req.secFetchSite !== 'none') return true
  const origin = req.origin ? normalizeOrigin(req.origin) : null
  return !!origin && origin !== 'null' && !own.includes(origin)
}

const originHeaders = (ctx: Koa.Context) => ({
  origin: ctx.get('Origin') || undefined,
  secFetchSite: ctx.get('Sec-Fetch-Site') || undefined,
})

/**
 * The origins our pages are served from: the one this request was made to (not ctx.origin, which
 * in Koa 3 is the request's own Origin header), and the public URL.
 */
export function ownOrigins(ctx: Koa.Context, config: Pick<Config, 'http'>): string[] {
  const here = normalizeOrigin(`${ctx.protocol}://${ctx.host}`)
  const pub = config.http.publicBaseUrl ? normalizeOrigin(config.http.publicBaseUrl) : null
  return [here, pub].filter((o): o is string => !!o && o !== 'null')
}

export const requestFromOwnOrigin = (ctx: Koa.Context, config: Pick<Config, 'http'>) =>
  fromOwnOrigin(originHeaders(ctx), ownOrigins(ctx, config))
export const requestFromForeignOrigin = (ctx: Koa.Context, config: Pick<Config, 'http'>) =>
  namesForeignOrigin(originHeaders(ctx), ownOrigins(ctx, config))

// Over https the __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only
// and for path /; a plain-http development server cannot use the prefix.
const cookieName = (ctx: Koa.Context) => (ctx.secure ? '__Host-fte_session' : 'fte_session')

export const sessionCookieOf = (ctx: Koa.Context): string | undefined => ctx.cookies.get(cookieName(ctx)) || undefined

export function setSessionCookie(ctx: Koa.Context, value: string, expiresAt: number): void {
  ctx.cookies.set(cookieName(ctx), value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.secure,
    path: '/',
    maxAge: Math.max(0, expiresAt - Date.now()),
    overwrite: true,
  })
}

export function clearSessionCookie(ctx: Koa.Context): void {
  ctx.cookies.set(cookieName(ctx), '', { httpOnly: true, sameSite: 'strict', secure: ctx.secure, path: '/', maxAge: 0, overwrite: true })
}

/** Signs a member in: a session row bound to their current token, and the cookie that names it. Null if there is no such member. */
export async function startSession(
  db: Queryable,
  secret: Buffer,
  email: string,
  now = Date.now(),
): Promise<{ cookie: string; expiresAt: number } | null> {
  const claims = { id: randomBytes(24).toString('base64url'), expiresAt: now + SESSION_TTL_MS }
  await db.query('DELETE FROM staff_sessions WHERE expires_at < now()')
  const made = await db.query(
    `INSERT INTO staff_sessions (id_hash, staff_email, token_set_at, expires_at)
     SELECT $1, email, token_set_at, $3 FROM staff WHERE email = $2 RETURNING staff_email`,
    [tokenHash(claims.id), email, new Date(claims.expiresAt).toISOString()],
  )
  return made.rows.length ? { cookie: signSession(secret, claims), expiresAt: claims.expiresAt } : null
}

/** The member a session cookie signs in, while it is unexpired, not signed out, and their token unchanged. */
export async function staffBySession(
  db: Queryable,
  secret: Buffer,
  cookie: string | undefined,
  now = Date.now(),
): Promise<StaffMember | null> {
  const claims = verifySession(secret, cookie, now)
  if (!claims) return null
  const rows = (
    await db.query<StaffMember>(
      `SELECT s.email, s.name, s.role FROM staff_sessions c JOIN staff s ON s.email = c.staff_email AND s.token_set_at = c.token_set_at
        WHERE c.id_hash = $1 AND c.expires_at > now()`,
      [tokenHash(claims.id)],
    )
  ).rows
  return rows[0] ?? null
}

/** Sign-out ends the session on the server too: a copy of the cookie taken earlier stops working. */
export async function endSession(db: Queryable, secret: Buffer, cookie: string | undefined): Promise<void> {
  const claims = verifySession(secret, cookie, Date.now())
  if (claims) await db.query('DELETE FROM staff_sessions WHERE id_hash = $1', [tokenHash(claims.id)])
}

const generated = new WeakMap<Queryable, Promise<Buffer>>()

/**
 * The cookie key: FTE_SESSION_SECRET, else one made on first use and kept in the database, so
 * embedded restarts and every pod on one Postgres agree on it (the first writer wins a race).
 */
export function sessionSecret(deps: { config: Pick<Config, 'sessionSecret'>; db: Queryable }): Promise<Buffer> {
  if (deps.config.sessionSecret) return Promise.resolve(Buffer.from(deps.config.sessionSecret, 'utf8'))
  let secret = generated.get(deps.db)
  if (!secret) {
    secret = storedSecret(deps.db).catch((err: unknown) => {
      generated.delete(deps.db)
      throw err
    })
    generated.set(deps.db, secret)
  }
  return secret
}

async function storedSecret(db: Queryable): Promise<Buffer> {
  await db.query(`INSERT INTO server_secrets (name, value) VALUES ('session', $1) ON CONFLICT (name) DO NOTHING`, [
    randomBytes(32).toString('base64url'),
  ])
  const row = (await db.query<{ value: string }>(`SELECT value FROM server_secrets WHERE name = 'session'`)).rows[0]
  if (!row) throw new Error('the session secret could not be stored')
  return Buffer.from(row.value, 'base64url')
}
