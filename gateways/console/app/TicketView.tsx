import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react'
import { api, ApiError, pollUntil, type HistoryMessage, type Passage, type TicketView as Ticket } from './api.js'
import { channelText, deliveryText, priorityText, reasonText, sentimentText, statusText, timeText } from './labels.js'
import { Identifiers } from './Identifiers.js'
import { TicketActions, type Act } from './TicketActions.js'
import type { ScreenProps } from './screens.js'
import { useScreenHeading } from './useScreenHeading.js'

const MAY_WORK = new Set(['admin', 'agent'])

/** One ticket: why it was handed over, the customer's whole history on every channel, notes, and the actions. */
export function TicketView({ me, say, report, go, ticketId }: ScreenProps & { ticketId: string }) {
  const [ticket, setTicket] = useState<Ticket | null>(null)
  const [missing, setMissing] = useState(false)
  const heading = useScreenHeading(ticket?.subject || `Ticket ${ticketId}`)
  const actionsHeading = useRef<HTMLHeadingElement>(null)
  const read = useCallback(() => api<Ticket>(`/api/tickets/${encodeURIComponent(ticketId)}`), [ticketId])

  useEffect(() => {
    read()
      .then(setTicket)
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) setMissing(true)
        report(err)
      })
  }, [read, report])

  // Resolving or reopening swaps the forms: focus goes to their heading instead of being lost.
  const done = ticket ? ticket.status === 'resolved' || ticket.status === 'closed' : null
  const lastDone = useRef(done)
  useEffect(() => {
    if (lastDone.current !== null && done !== null && lastDone.current !== done) actionsHeading.current?.focus()
    lastDone.current = done
  }, [done])

  const act: Act = async (path, body, settled, words) => {
    const answer = await api<any>(path, { body })
    say(words.sent)
    const followed = await pollUntil(read, (t) => settled(t, answer), setTicket)
    say(followed.done ? words.done(followed.last, answer) : 'Accepted. The ticket will show it in a moment; refresh if it does not.')
    return answer
  }

  const back = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
    e.preventDefault()
    go({ kind: 'queue' })
  }

  return (
    <article className="ticket" aria-labelledby="ticket-title">
      <p>
        <a href="/console" onClick={back}>
          <span aria-hidden="true">← </span>Back to the queue
        </a>
      </p>
      <h1 id="ticket-title" ref={heading} tabIndex={-1}>
        {ticket?.subject || `Ticket ${ticketId}`}
      </h1>
      {missing ? <p className="empty">There is no ticket {ticketId}.</p> : null}
      {!ticket && !missing ? <p className="muted">Loading the ticket…</p> : null}
      {ticket ? (
        <>
          <dl className="facts">
            <div>
              <dt>Ticket</dt>
              <dd className="mono">{ticket.ticket_id}</dd>
            </div>
            <div>
              <dt>Number</dt>
              <dd className="mono">{ticket.ticket_number}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>
                <span className={`badge status-${ticket.status}`}>{statusText(ticket.status)}</span>
              </dd>
            </div>
            <div>
              <dt>Priority</dt>
              <dd>
                <span className={`badge priority-${ticket.priority ?? 'none'}`}>{priorityText(ticket.priority)}</span>
              </dd>
            </div>
            <div>
              <dt>Channel</dt>
              <dd>
                <span className={`badge channel-${ticket.channel}`}>{channelText(ticket.channel)}</span>
              </dd>
            </div>
            <div>
              <dt>Assignee</dt>
              <dd>{ticket.assignee ? (ticket.assignee === me.email ? `You (${me.email})` : ticket.assignee) : 'Nobody'}</dd>
            </div>
            <div>
              <dt>Opened</dt>
              <dd>{timeText(ticket.created_at)}</dd>
            </div>
          </dl>
          <div className="ticket-grid">
            <div className="ticket-main">
              <Handover ticket={ticket} />
              <History ticket={ticket} />
            </div>
            <div className="ticket-side">
              <Customer ticket={ticket} />
              <section aria-labelledby="actions-title">
                <h2 id="actions-title" ref={actionsHeading} tabIndex={-1}>
                  Actions
                </h2>
                {MAY_WORK.has(me.role) ? (
                  <TicketActions ticket={ticket} me={me} act={act} report={report} />
                ) : (
                  <p className="notice">Your role ({me.role}) may read tickets but not act on them.</p>
                )}
              </section>
              <Notes ticket={ticket} />
            </div>
          </div>
        </>
      ) : null}
    </article>
  )
}

function Handover({ ticket }: { ticket: Ticket }) {
  const e = ticket.escalation
  const passages: Passage[] | undefined = e?.knowledge_considered ?? ticket.knowledge_considered
  return (
    <section aria-labelledby="handover-title" className="panel">
      <h2 id="handover-title">Why the agent handed it over</h2>
      {e ? (
        <>
          <dl className="facts compact">
            <div>
              <dt>Reason</dt>
              <dd>
                <strong>{reasonText(e.reason)}</strong>
              </dd>
            </div>
            <div>
              <dt>Sentiment</dt>
              <dd>{sentimentText(e.sentiment)}</dd>
            </div>
            <div>
              <dt>Handed over</dt>
              <dd>{timeText(e.raised_at)}</dd>
            </div>
          </dl>
          {e.summary ? <p className="summary">{e.summary}</p> : null}
          <h3>Passages the agent considered</h3>
          {passages === undefined ? (
            <p className="muted">This server does not record them for the ticket.</p>
          ) : passages.length === 0 ? (
            <p className="muted">None: the knowledge base had nothing relevant.</p>
          ) : (
            <ol className="passages">
              {passages.map((p, i) => (
                <li key={`${p.article_id ?? ''}-${i}`}>
                  <strong>{p.title ?? p.article_id ?? 'Passage'}</strong>
                  {typeof p.score === 'number' ? <span className="muted"> (relevance {p.score.toFixed(2)})</span> : null}
                  {p.excerpt || p.content ? <p>{p.excerpt || p.content}</p> : null}
                </li>
              ))}
            </ol>
          )}
        </>
      ) : (
        <p className="muted">The agent did not hand this ticket over; a person took it up.</p>
      )}
    </section>
  )
}

const whoWrote = (m: HistoryMessage, customer: string) =>
  m.role === 'customer' ? customer : m.role === 'agent' ? 'AI agent' : `${m.author ?? 'Staff'} (staff)`

function History({ ticket }: { ticket: Ticket }) {
  const customer = ticket.customer?.name || 'Customer'
  return (
    <section aria-labelledby="history-title" className="panel">
      <h2 id="history-title">History on every channel</h2>
      {ticket.history.length === 0 ? <p className="muted">No messages yet.</p> : null}
      <ol className="history">
        {ticket.history.map((m) => (
          <li key={m.message_id} className={`msg msg-${m.role}${m.this_ticket ? '' : ' msg-other'}`}>
            <p className="msg-head">
              <strong>{whoWrote(m, customer)}</strong> <span className={`badge channel-${m.channel}`}>{channelText(m.channel)}</span>
              {m.this_ticket ? null : <span className="badge other">Another ticket: {m.ticket_id}</span>}{' '}
              <time dateTime={m.created_at ?? undefined}>{timeText(m.created_at)}</time>
            </p>
            <p className="msg-body">{m.content}</p>
            {m.direction === 'outbound' ? (
              <p className="msg-foot">
                Delivery:{' '}
                <span className={`badge delivery-${m.delivery_status ?? 'pending'}`}>{deliveryText(m.delivery_status) || 'Pending'}</span>
                {m.delivery_error ? <span className="form-error"> {m.delivery_error}</span> : null}
              </p>
            ) : m.sentiment !== null ? (
              <p className="msg-foot muted">Sentiment: {sentimentText(m.sentiment)}</p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  )
}

function Customer({ ticket }: { ticket: Ticket }) {
  const c = ticket.customer
  return (
    <section aria-labelledby="customer-title" className="panel">
      <h2 id="customer-title">Customer</h2>
      {c ? (
        <>
          <p>
            <strong>{c.name || 'Name not given'}</strong>
          </p>
          <Identifiers identifiers={c.identifiers} />
        </>
      ) : (
        <p className="muted">Not identified yet.</p>
      )}
    </section>
  )
}

function Notes({ ticket }: { ticket: Ticket }) {
  return (
    <section aria-labelledby="notes-title" className="panel">
      <h2 id="notes-title">Private notes</h2>
      {ticket.notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <ul className="notes">
        {ticket.notes.map((n, i) => (
          <li key={`${n.created_at}-${i}`}>
            <p className="msg-head">
              <strong>{n.staff_name}</strong> <time dateTime={n.created_at ?? undefined}>{timeText(n.created_at)}</time>
            </p>
            <p className="msg-body">{n.note}</p>
          </li>
        ))}
      </ul>
    </section>
  )
}
