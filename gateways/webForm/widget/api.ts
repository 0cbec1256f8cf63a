import { firstPerField, type FieldErrors } from './validation.js'

/** The calls the widget makes; every failure becomes a sentence a customer can act on. */
export type SubmitResult =
  | { kind: 'accepted'; ticketId: string; ticketNumber?: string }
  | { kind: 'invalid'; fields: FieldErrors }
  | { kind: 'failed'; message: string }

export interface TicketMessage {
  direction: 'inbound' | 'outbound'
  role: string
  content: string
  created_at: string
  delivery_status?: string | null
  /** A person's reply: their first name. */
  signed_by?: string | null
}

export interface TicketSnapshot {
  ticket_id: string
  ticket_number?: string
  subject?: string | null
  status: string
  messages: TicketMessage[]
  escalation: { raised_at: string } | null
  /** Requests opened by writing again after this one was resolved. */
  follow_ups?: { ticket_id: string; ticket_number: string; status: string }[]
}

export type CheckResult = { kind: 'found'; ticketId: string } | { kind: 'not-found' } | { kind: 'invalid'; fields: FieldErrors } | { kind: 'failed'; message: string }

export type FollowUpResult = { kind: 'accepted' } | { kind: 'not-found' } | { kind: 'invalid'; fields: FieldErrors } | { kind: 'failed'; message: string }

/** `https://support.example.com/` + `/support/submit`, also under a path prefix. */
export const endpoint = (api: string, path: string) => `${api.replace(/\/+$/, '')}${path}`

const UNREACHABLE = 'We could not reach the support service. Check your connection and try again.'
const UNAVAILABLE = 'The support service could not take your request just now. Please try again in a moment.'

type Answer = { res: Response; body: Record<string, unknown> | null } | { failed: string }

async function post(api: string, path: string, payload: Record<string, string>): Promise<Answer> {
  let res: Response
  try {
    // No cookies: the API needs none, and CORS stays simple (`*` works) without credentials.
    res = await fetch(endpoint(api, path), {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(payload),
    })
  } catch {
    return { failed: UNREACHABLE }
  }
  return { res, body: (await res.json().catch(() => null)) as Record<string, unknown> | null }
}

/** What every call answers the same way: field errors, the rate limit, an unavailable service. */
function common({ res, body }: { res: Response; body: Record<string, unknown> | null }, tooMany: string): { kind: 'invalid'; fields: FieldErrors } | { kind: 'failed'; message: string } {
  if (res.status === 422 && Array.isArray(body?.fields)) return { kind: 'invalid', fields: firstPerField(body.fields as { field: string; message: string }[]) }
  if (res.status === 429) {
    const seconds = Number(res.headers.get('Retry-After') ?? body?.retry_after_seconds) || 60
    return { kind: 'failed', message: `${tooMany} Please wait ${seconds} seconds and try again.` }
  }
  return { kind: 'failed', message: UNAVAILABLE }
}

export async function submitForm(api: string, payload: Record<string, string>): Promise<SubmitResult> {
  const answer = await post(api, '/support/submit', payload)
  if ('failed' in answer) return { kind: 'failed', message: answer.failed }
  if (answer.res.status === 202 && typeof answer.body?.ticket_id === 'string') {
    return { kind: 'accepted', ticketId: answer.body.ticket_id, ticketNumber: typeof answer.body.ticket_number === 'string' ? answer.body.ticket_number : undefined }
  }
  return common(answer, 'You have sent several requests in a short time.')
}

/** "Check a request": the ticket number and the address it was sent from. */
export async function checkTicket(api: string, payload: { ticket: string; email: string }): Promise<CheckResult> {
  const answer = await post(api, '/support/check', payload)
  if ('failed' in answer) return { kind: 'failed', message: answer.failed }
  if (answer.res.status === 200 && typeof answer.body?.ticket_id === 'string') return { kind: 'found', ticketId: answer.body.ticket_id }
  if (answer.res.status === 404) return { kind: 'not-found' }
  return common(answer, 'You have checked several times in a short time.')
}

/** A message added to the ticket from its status page. */
export async function sendFollowUp(api: string, ticketId: string, payload: Record<string, string>): Promise<FollowUpResult> {
  const answer = await post(api, `/support/ticket/${encodeURIComponent(ticketId)}/messages`, payload)
  if ('failed' in answer) return { kind: 'failed', message: answer.failed }
  if (answer.res.status === 202) return { kind: 'accepted' }
  if (answer.res.status === 404) return { kind: 'not-found' }
  if (answer.res.status === 409) return { kind: 'failed', message: 'Your request is still being received. Please try again in a few seconds.' }
  return common(answer, 'You have sent several messages in a short time.')
}

/** The ticket as the status page shows it, or null on a transient failure (the poll retries). */
export async function fetchTicket(api: string, ticketId: string, signal?: AbortSignal): Promise<TicketSnapshot | null> {
  try {
    const res = await fetch(endpoint(api, `/support/ticket/${encodeURIComponent(ticketId)}`), { mode: 'cors', credentials: 'omit', headers: { accept: 'application/json' }, signal })
    if (!res.ok) return null
    const body = (await res.json()) as TicketSnapshot
    return typeof body?.status === 'string' && Array.isArray(body.messages) ? body : null
  } catch {
    return null
  }
}
