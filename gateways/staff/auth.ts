import type Koa from 'koa'
import { HttpError } from '../http/errors.js'
import type { GatewayDeps } from '../http/deps.js'
import { staffByToken, type StaffMember, type StaffRole } from './accounts.js'
import { clearSessionCookie, requestFromOwnOrigin, sessionCookieOf, sessionSecret, staffBySession } from './session.js'

/** What a route needs: to read customer data, to work tickets, or to manage staff and knowledge. */
export type Permission = 'read' | 'work' | 'admin'

export const ROLE_MAY: Record<StaffRole, readonly Permission[]> = {
  admin: ['read', 'work', 'admin'],
  agent: ['read', 'work'],
  analyst: ['read'],
}

export interface StaffState {
  staff: StaffMember
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Staff routes need a staff credential from every address, loopback included: a bearer token, or
 * the console's session cookie. No credential or a bad one is 401; a cookie-borne request that
 * changes something and does not come from our own pages is 403 (the browser would attach the
 * cookie to a forged cross-site request, never a bearer token); a role that may not do the thing
 * is 403. The member is put on ctx.state.staff. Answers are staff data: never stored by caches.
 */
export function requireStaff(deps: Pick<GatewayDeps, 'db' | 'config'>, permission: Permission): Koa.Middleware<StaffState> {
  return async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store')
    const member = await authenticate(ctx, deps)
    if (!ROLE_MAY[member.role].includes(permission)) throw new HttpError(403, 'forbidden', `the ${member.role} role may not do this`)
    ctx.state.staff = { email: member.email, name: member.name, role: member.role }
    await next()
  }
}

async function authenticate(ctx: Koa.Context, deps: Pick<GatewayDeps, 'db' | 'config'>): Promise<StaffMember> {
  const header = ctx.get('authorization')
  const cookie = header ? undefined : sessionCookieOf(ctx)
  if (header) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
    const member = token && token.length <= 200 ? await staffByToken(deps.db, token) : null
    if (member) return member
  } else if (cookie) {
    const member = await staffBySession(deps.db, await sessionSecret(deps), cookie)
    if (member) {
      if (!SAFE_METHODS.has(ctx.method) && !requestFromOwnOrigin(ctx, deps.config)) {
        throw new HttpError(403, 'cross_origin', 'a cookie-signed request must come from the console (Origin or Sec-Fetch-Site)')
      }
      return member
    }
    // Expired, signed out, or the token was rotated: the browser need not keep sending it.
    clearSessionCookie(ctx)
  }
  ctx.set('WWW-Authenticate', 'Bearer')
  if (header) throw new HttpError(401, 'unauthenticated', 'the staff token is not valid')
  if (cookie) throw new HttpError(401, 'session_ended', 'the console session has ended; sign in again')
  throw new HttpError(401, 'unauthenticated', 'a staff token is required (Authorization: Bearer <token>) or a console session')
}
