/** An event's epoch milliseconds as the ISO text Postgres timestamptz columns take. */
export const isoAt = (ms: number): string => new Date(ms).toISOString()

/** A timestamptz as read back (a Date from pg, a string from PGlite) in ISO form; null stays null. */
export function isoOf(value: unknown): string | null {
  if (value == null) return null
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()
}

/** A timestamptz as read back (a Date from pg, a string from PGlite) in epoch milliseconds. */
export const msOf = (value: Date | string): number => (value instanceof Date ? value.getTime() : Date.parse(value))
