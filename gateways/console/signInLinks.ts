import { randomBytes } from 'node:crypto'
import type { Config } from '../../platform/config.js'
import type { Queryable } from '../../platform/db.js'
import { addFirstAdmin, tokenHash } from '../staff/accounts.js'

/** Long enough to get from a terminal to a browser, short enough that a forgotten link dies. */
export const SIGN_IN_CODE_TTL_MS = 24 * 60 * 60 * 1000

/** Where people reach the console: PUBLIC_BASE_URL, else this machine on the gateway's port. */
export function consoleBaseUrl(config: Pick<Config, 'http'>, port = config.http.port): string {
  if (config.http.publicBaseUrl) return config.http.publicBaseUrl
  const bound = config.http.host
  // Bound to every interface: this machine's own name is the one that surely reaches it.
  const host = ['0.0.0.0', '::', ''].includes(bound) ? 'localhost' : bound.includes(':') ? `[${bound}]` : bound
  return `http://${host}:${port}`
}

/**
 * A one-time link that signs the member in to the console: usable once, for 24 hours, and only
 * while their token is the one they have now. Only the code's hash is stored. Null when there is
 * no such member.
 */
export async function issueSignInLink(db: Queryable, email: string, baseUrl: string, now = Date.now()): Promise<string | null> {
  const code = randomBytes(24).toString('base64url')
  await db.query('DELETE FROM staff_sign_in_codes WHERE expires_at < now()')
  const made = await db.query(
    `INSERT INTO staff_sign_in_codes (code_hash, staff_email, token_set_at, expires_at)
     SELECT $1, email, token_set_at, $3 FROM staff WHERE email = $2 RETURNING staff_email`,
    [tokenHash(code), email, new Date(now + SIGN_IN_CODE_TTL_MS).toISOString()],
  )
  return made.rows.length ? `${baseUrl.replace(/\/+$/, '')}/console/sign-in?code=${code}` : null
}

/** The member a code signs in, consuming it: the delete is the check, so two redeemers cannot both win. */
export async function redeemSignInCode(db: Queryable, code: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{32}$/.test(code)) return null
  const rows = (
    await db.query<{ email: string }>(
      `DELETE FROM staff_sign_in_codes c USING staff s
        WHERE c.code_hash = $1 AND c.expires_at > now() AND s.email = c.staff_email AND s.token_set_at = c.token_set_at
       RETURNING s.email`,
      [tokenHash(code)],
    )
  ).rows
  return rows[0]?.email ?? null
}

/** On a new install (no staff at all): the first admin and a link for them; null otherwise. */
export async function firstStartSignIn(db: Queryable, baseUrl: string): Promise<string | null> {
  const admin = await addFirstAdmin(db)
  return admin ? issueSignInLink(db, admin.email, baseUrl) : null
}
