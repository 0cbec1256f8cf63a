/** A webhook's form parameters exactly as Twilio sent (and signed) them; a repeated name keeps every value. */
export type TwilioParams = Record<string, string | string[]>

/** A form read into a value, or the parameter at fault and why. */
export type FormResult<T> = { ok: true; value: T } | { ok: false; field: string; message: string }

export const problem = (field: string, message: string) => ({ ok: false, field, message }) as const

/**
 * Flat name -> value pairs from the raw body. Not the body parser's own result: `qs` turns
 * "a.b" or "a[0]" names into nested objects, and the signature is computed over the names and
 * values as sent.
 */
export function formParams(raw: string): TwilioParams {
  const out: TwilioParams = {}
  for (const [name, value] of new URLSearchParams(raw)) {
    const seen = out[name]
    out[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]
  }
  return out
}

/** One value of a parameter (the first, if it was repeated). */
export function param(params: TwilioParams, name: string): string | undefined {
  const v = params[name]
  return Array.isArray(v) ? v[0] : v
}

/** Twilio message SIDs: SM (or MM, older media messages) and 32 hex digits. */
export const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/
