import { randomBytes } from 'node:crypto'
import type { Queryable } from '../platform/db.js'
import { addStaff, type StaffRole } from '../gateways/staff/accounts.js'

/** A new staff member of the given role, and the Authorization header that proves it. */
export async function staffMember(db: Queryable, role: StaffRole = 'agent', name = 'Sam Staff') {
  const { member, token } = await addStaff(db, { email: `${role}-${randomBytes(4).toString('hex')}@staff.example`, name, role })
  return { ...member, token, headers: { authorization: `Bearer ${token}` } }
}
