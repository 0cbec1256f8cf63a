import { createHash, randomBytes } from 'node:crypto'
import type { Queryable } from '../../platform/db.js'
import { normalizeEmail } from '../../platform/identifiers.js'

export const STAFF_ROLES = ['admin', 'agent', 'analyst'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export interface StaffMember {
  email: string
  name: string
  role: StaffRole
}

/** A personal API token: 32 random bytes, prefixed so a leaked one is recognisable in a scan. */
const newToken = () => `fte_${randomBytes(32).toString('base64url')}`
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')

export class StaffError extends Error {}

function checked(email: string): string {
  const e = normalizeEmail(email)
  if (!e) throw new StaffError(`not an email address: ${email}`)
  return e
}

/** Adds a member and returns their token, which is never stored or shown again. */
export async function addStaff(db: Queryable, m: { email: string; name: string; role: string }): Promise<{ member: StaffMember; token: string }> {
  const email = checked(m.email)
  if (!(STAFF_ROLES as readonly string[]).includes(m.role)) throw new StaffError(`role must be one of ${STAFF_ROLES.join(', ')}`)
  const name = m.name.trim()
  if (!name) throw new StaffError('a name is required (--name)')
  const token = newToken()
  const added = await db.query('INSERT INTO staff (email, name, role, token_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING RETURNING email', [
    email, name, m.role, tokenHash(token),
  ])
  if (!added.rows.length) throw new StaffError(`${email} is already a staff member (rotate the token with "staff token ${email}")`)
  return { member: { email, name, role: m.role as StaffRole }, token }
}

/**
 * The first admin, made only while there are no staff at all, so a new install can sign in to
 * the console; null once anyone exists. (admin@localhost.localdomain: the email rule wants a dot
 * in the domain.) Gateways starting at once on one database make one: the address is the key.
 * The token is never shown; `staff token` makes one.
 */
export async function addFirstAdmin(db: Queryable): Promise<StaffMember | null> {
  const member: StaffMember = { email: 'admin@localhost.localdomain', name: 'Admin', role: 'admin' }
  const added = await db.query(
    `INSERT INTO staff (email, name, role, token_hash) SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM staff)
     ON CONFLICT (email) DO NOTHING RETURNING email`,
    [member.email, member.name, member.role, tokenHash(newToken())],
  )
  return added.rows.length ? member : null
}

export async function listStaff(db: Queryable): Promise<(StaffMember & { created_at: unknown })[]> {
  return (await db.query<StaffMember & { created_at: unknown }>('SELECT email, name, role, created_at FROM staff ORDER BY created_at, email')).rows
}

export async function removeStaff(db: Queryable, email: string): Promise<boolean> {
  return (await db.query('DELETE FROM staff WHERE email = $1 RETURNING email', [checked(email)])).rows.length > 0
}

/** Replaces a member's token: the old one (and every session made with it) stops working. */
export async function rotateToken(db: Queryable, email: string): Promise<string> {
  const token = newToken()
  const done = await db.query('UPDATE staff SET token_hash = $2, token_set_at = now() WHERE email = $1 RETURNING email', [checked(email), tokenHash(token)])
  if (!done.rows.length) throw new StaffError(`no staff member ${email}`)
  return token
}

/** The member a bearer token belongs to, or null. */
export async function staffByToken(db: Queryable, token: string): Promise<(StaffMember & { token_hash: string }) | null> {
  const rows = (await db.query<StaffMember & { token_hash: string }>('SELECT email, name, role, token_hash FROM staff WHERE token_hash = $1', [tokenHash(token)])).rows
  return rows[0] ?? null
}
