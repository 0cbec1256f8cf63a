import { HONEYPOT_FIELD } from './submission.js'

/**
 * The honeypot field is visually hidden, out of the tab order and unlabelled for autofill: people
 * leave it empty, form-filling bots tend to fill it. A filled one is answered exactly like a real
 * submission (same status, same shape, a well-formed ticket id) but nothing is published, so a
 * bot cannot tell it was caught and learns nothing to adapt to.
 */
export function honeypotFilled(form: Record<string, unknown>): boolean {
  const value = form[HONEYPOT_FIELD]
  if (value === undefined || value === null) return false
  if (typeof value === 'string') return value.trim() !== ''
  // Numbers, booleans, objects: a browser form never sends them here, so something else filled it.
  return true
}
