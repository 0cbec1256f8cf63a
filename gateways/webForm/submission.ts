import * as z from 'zod'
import { FULL_TICKET_ID, parseTicketNumber } from '../../platform/ticketNumbers.js'

/** The web support form's contract: the server's rules, shared with the embeddable form. */
export const CATEGORIES = ['general', 'technical', 'billing', 'feedback', 'bug_report'] as const
export const PRIORITIES = ['low', 'medium', 'high'] as const
/** The honeypot: a field people never see or fill (see honeypot.ts). */
export const HONEYPOT_FIELD = 'website'

export const webFormSubmission = z.object({
  name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  email: z.string({ error: 'is required' }).trim().max(320, 'must be at most 320 characters').pipe(z.email('must be a valid email address')),
  phone: z
    .string({ error: 'must be a string' })
    .trim()
    .regex(/^\+?[0-9\s\-().]{7,20}$/, 'must be a phone number, ideally in international format (+15551234567)')
    .optional(),
  subject: z.string({ error: 'is required' }).trim().min(1, 'is required').max(300, 'must be at most 300 characters'),
  category: z.enum(CATEGORIES, { error: `must be one of ${CATEGORIES.join(', ')}` }),
  priority: z.enum(PRIORITIES, { error: `must be one of ${PRIORITIES.join(', ')}` }).default('medium'),
  message: z.string({ error: 'is required' }).trim().min(10, 'must be at least 10 characters').max(10_000, 'must be at most 10000 characters'),
  // Any value is accepted, never rejected: a 422 naming it would tell a bot the field is special.
  [HONEYPOT_FIELD]: z.unknown().optional(),
})
export type WebFormSubmission = z.infer<typeof webFormSubmission>

const formEmail = z.string({ error: 'is required' }).trim().max(320, 'must be at most 320 characters').pipe(z.email('must be a valid email address'))

/** "Check a request": the ticket number (or the full id from an older confirmation) and the address it was sent from. */
export const ticketCheck = z.object({
  ticket: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(100, 'must be at most 100 characters')
    .refine((t) => parseTicketNumber(t) !== null || FULL_TICKET_ID.test(t), 'must be a ticket number like 7K3Q-M2XD'),
  email: formEmail,
})
export type TicketCheck = z.infer<typeof ticketCheck>

/** A customer's follow-up from the status page: validated like the form's own message. */
export const followUpMessage = z.object({
  email: formEmail,
  message: webFormSubmission.shape.message,
  [HONEYPOT_FIELD]: z.unknown().optional(),
})
export type FollowUpMessage = z.infer<typeof followUpMessage>
