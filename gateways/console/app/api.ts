/**
 * The staff API as the console calls it: same origin, the session cookie, JSON. Every failure
 * becomes an ApiError whose message is a sentence a person can act on.
 */

export type Role = 'admin' | 'agent' | 'analyst'

export interface Me {
  email: string
  name: string
  role: Role
}

export interface QueueTicket {
  ticket_id: string
  status: string
  priority: string | null
  channel: string
  subject: string | null
  customer: { customer_id: string; name: string | null } | null
  escalation: { reason: string; raised_at: string | null } | null
  assignee: string | null
  unread: number
  created_at: string | null
  updated_at: string | null
}

/** `verified` is absent from servers that do not tell proven identifiers from claimed ones. */
export interface Identifier {
  kind: string
  value: string
  verified?: boolean
}

export interface Passage {
  article_id?: string
  title?: string
  /** The part of the article the agent read (`content` from servers that send the whole chunk). */
  excerpt?: string
  content?: string
  score?: number
}

export interface HistoryMessage {
  message_id: string
  ticket_id: string
  this_ticket: boolean
  direction: 'inbound' | 'outbound'
  role: 'customer' | 'agent' | 'human'
  author: string | null
  channel: string
  content: string
  sentiment: number | null
  created_at: string | null
  delivery_status: string | null
  delivery_error: string | null
}

export interface TicketView {
  ticket_id: string
  ticket_number: string
  status: string
  priority: string | null
  channel: string
  subject: string | null
  assignee: string | null
  human_owned: boolean
  created_at: string | null
  updated_at: string | null
  resolved_at: string | null
  customer: { customer_id: string; name: string | null; identifiers: Identifier[] } | null
  escalation: {
    reason: string
    priority: string | null
    sentiment: number | null
    summary: string | null
    raised_at: string | null
    knowledge_considered?: Passage[]
  } | null
  /** The passages the agent weighed, where the server records them. */
  knowledge_considered?: Passage[]
  history: HistoryMessage[]
  notes: { staff_email: string; staff_name: string; note: string; created_at: string | null }[]
}

export interface MergeSuggestion {
  suggestion_id: string
  customers: { customer_id: string; name: string | null; identifiers: Identifier[] }[]
  identifiers: { kind: string; value: string }[]
  reason: string
  suggested_at: string | null
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Field errors of a 422, by field name: "email" -> "must be a staff member". */
    readonly fields: Record<string, string> = {},
  ) {
    super(message)
  }
}

const UNREACHABLE = 'The server could not be reached. Check your connection and try again.'

export async function api<T>(path: string, opts: { body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response
  try {
    res = await fetch(path, {
      method: opts.body === undefined ? 'GET' : 'POST',
      credentials: 'same-origin',
      // The page's policy is no-referrer, under which a POST says `Origin: null`; the server's
      // CSRF check wants our origin named, and plain http has no Sec-Fetch-Site to say it instead.
      referrerPolicy: 'same-origin',
      headers: { accept: 'application/json', ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    })
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new ApiError(0, UNREACHABLE)
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null
  if (res.ok) return body as T
  throw errorOf(res.status, body)
}

type FieldProblem = { field: string; message: string }

function errorOf(status: number, body: Record<string, unknown> | null): ApiError {
  // 422s name their fields in `fields` (validation) or `details` (a rule the route checks itself).
  const listed = (Array.isArray(body?.fields) ? body.fields : Array.isArray(body?.details) ? body.details : []) as FieldProblem[]
  const fields = Object.fromEntries(listed.filter((f) => f && typeof f.field === 'string').map((f) => [f.field, f.message]))
  const message = typeof body?.message === 'string' ? body.message : ''
  if (status === 401) return new ApiError(401, 'Your session has ended. Sign in again to continue.')
  if (status === 403) return new ApiError(403, `Not allowed: ${message || 'your role may not do this'}.`)
  if (status === 422 && listed.length) return new ApiError(422, listed.map((f) => `${f.field} ${f.message}`).join('; '), fields)
  const sentence = message ? `${message[0]!.toUpperCase()}${message.slice(1)}.` : 'The request was refused.'
  if (status === 409 || status === 404 || status === 422) return new ApiError(status, sentence)
  return new ApiError(status, 'The server could not do that just now. Please try again in a moment.')
}

/**
 * Actions answer 202 before the read models have them: re-reads until `done` holds of what it
 * reads, or until `timeoutMs` passes; every read goes to `seen`, so the screen follows along.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  seen: (value: T) => void,
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<{ done: boolean; last: T }> {
  const deadline = Date.now() + (opts.timeoutMs ?? 8000)
  for (;;) {
    const last = await read()
    seen(last)
    if (done(last)) return { done: true, last }
    if (Date.now() >= deadline) return { done: false, last }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 300))
  }
}
