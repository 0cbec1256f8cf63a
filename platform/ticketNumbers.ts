/**
 * Ticket numbers as people type them. No Node imports: the widget bundles this to check a number
 * before sending it, exactly as the server does (ids.ts derives the numbers).
 */

/** Crockford's base 32: no I, L, O or U, so what a person reads back cannot be misread. */
export const NUMBER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A number as a person types it (any case, spaces or dashes, O for 0, I or L for 1), or null. */
export function parseTicketNumber(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (s.length !== 8 || [...s].some((c) => !NUMBER_ALPHABET.includes(c))) return null
  return `${s.slice(0, 4)}-${s.slice(4)}`
}

/** A full ticket id: what the confirmation showed before tickets had numbers, and still accepted. */
export const FULL_TICKET_ID = /^(?:TKT-[0-9a-f]{16}-[0-9a-f]{8}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i
