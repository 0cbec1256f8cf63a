import type Koa from 'koa'
import { HttpError } from '../http/errors.js'
import type { GatewayDeps } from '../http/deps.js'
import { staffByToken, type StaffMember, type StaffRole } from './accounts.js'

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

/**
 * Staff routes need a staff credential from every address, loopback included: no credential or a
 * bad one is 401, a role that may not do the thing is 403. The member is put on ctx.state.staff.
 */
export function requireStaff(deps: Pick<GatewayDeps, 'db'>, permission: Permission): Koa.Middleware<StaffState> {
  return async (ctx, next) => {
    const header = ctx.get('authorization')
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
    const member = token && token.length <= 200 ? await staffByToken(deps.db, token) : null
    if (!member) {
      ctx.set('WWW-Authenticate', 'Bearer')
      throw new HttpError(401, 'unauthenticated', header ? 'the staff token is not valid' : 'a staff token is required (Authorization: Bearer <token>)')
    }
    if (!ROLE_MAY[member.role].includes(permission)) throw new HttpError(403, 'forbidden', `the ${member.role} role may not do this`)
    ctx.state.staff = { email: member.email, name: member.name, role: member.role }
    await next()
  }
}
