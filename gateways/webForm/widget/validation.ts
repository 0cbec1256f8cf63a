import type * as z from 'zod'
import { HONEYPOT_FIELD, webFormSubmission } from '../submission.js'

/**
 * Client-side validation *is* the server's: the same zod schema, the same messages, mapped the
 * same way as the server's 422 (`fields: [{field, message}]`). Only the first problem per field
 * is shown, as one field can fail twice (too long and not an email).
 */
export type FieldName = 'name' | 'email' | 'phone' | 'subject' | 'category' | 'priority' | 'message'

/** Form order: focus goes to the first invalid field in this order. */
export const FIELD_ORDER: readonly FieldName[] = ['name', 'email', 'phone', 'subject', 'category', 'priority', 'message']

export type FormValues = Record<FieldName, string> & { [HONEYPOT_FIELD]: string }

export const EMPTY_FORM: FormValues = { name: '', email: '', phone: '', subject: '', category: '', priority: 'medium', message: '', [HONEYPOT_FIELD]: '' }

export type FieldErrors = Partial<Record<string, string>>

/**
 * What is sent. Untouched optional inputs are left out, as an API client would leave them out:
 * an empty phone is "no phone", not an invalid one; an unchosen category is missing.
 */
export function toPayload(values: FormValues): Record<string, string> {
  const payload: Record<string, string> = {
    name: values.name,
    email: values.email,
    subject: values.subject,
    priority: values.priority,
    message: values.message,
    [HONEYPOT_FIELD]: values[HONEYPOT_FIELD],
  }
  if (values.phone.trim()) payload.phone = values.phone
  if (values.category) payload.category = values.category
  return payload
}

/** Field -> message for everything the server would refuse; empty when it would accept. */
export function validate(payload: Record<string, unknown>, schema: z.ZodType = webFormSubmission): FieldErrors {
  const result = schema.safeParse(payload)
  if (result.success) return {}
  // The same mapping as errorMiddleware's 422 body.
  return firstPerField(result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })))
}

export function firstPerField(fields: readonly { field: string; message: string }[]): FieldErrors {
  const out: FieldErrors = {}
  for (const f of fields) out[f.field] ??= f.message
  return out
}

export function firstInvalid(errors: FieldErrors): FieldName | undefined {
  return FIELD_ORDER.find((f) => errors[f])
}
