import { firstPerField, type FieldErrors } from './validation.js'

/** The two calls the widget makes; every failure becomes a sentence a customer can act on. */
export type SubmitResult =
  | { kind: 'accepted'; ticketId: string }
  | { kind: 'invalid'; fields: FieldErrors }
  | { kind: 'failed'; message: string }

export interface TicketMessage {
  direction: 'inbound' | 'outbound'
  role: string
  content: string
  created_at: string
}

export interface TicketSnapshot {
  ticket_id: string
  status: string
  messages: TicketMessage[]
  escalation: { raised_at: string } | null
}

/** `https://support.example.com/` + `/support/submit`, also under a path prefix. */
export const endpoint = (api: string, path: string) => `${api.replace(/\/+$/, '')}${path}`

const UNREACHABLE = 'We could not reach the support service. Check your connection and try again.'
const UNAVAILABLE = 'The support service could not take your request just now. Please try again in a moment.'

export async function submitForm(api: string, payload: Record<string, string>): Promise<SubmitResult> {
  let res: Response
  try {
    // No cookies: the API needs none, and CORS stays simple (`*` works) without credentials.
    res = await fetch(endpoint(api, '/support/submit'), {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    })
  } catch {
    return { kind: 'failed', message: UNREACHABLE }
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null
  if (res.status === 202 && typeof body?.ticket_id === 'string') return { kind: 'accepted', ticketId: body.ticket_id }
  if (res.status === 422 && Array.isArray(body?.fields)) return { kind: 'invalid', fields: firstPerField(body.fields as { field: string; message: string }[]) }
  if (res.status === 429) {
    const seconds = Number(res.headers.get('Retry-After') ?? body?.retry_after_seconds) || 60
    return { kind: 'failed', message: `You have sent several requests in a short time. Please wait ${seconds} seconds and try again.` }
  }
  return { kind: 'failed', message: UNAVAILABLE }
}

/** The ticket as the status page shows it, or null on a transient failure (the poll retries). */
export async function fetchTicket(api: string, ticketId: string, signal?: AbortSignal): Promise<TicketSnapshot | null> {
  try {
    const res = await fetch(endpoint(api, `/support/ticket/${encodeURIComponent(ticketId)}`), { mode: 'cors', credentials: 'omit', signal })
    if (!res.ok) return null
    const body = (await res.json()) as TicketSnapshot
    return typeof body?.status === 'string' && Array.isArray(body.messages) ? body : null
  } catch {
    return null
  }
}
