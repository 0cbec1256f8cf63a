import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { api, type QueueTicket } from './api.js'
import { ageLong, ageText, channelText, CHANNEL_CODES, priorityText, reasonText, STATUS_CODES, statusText } from './labels.js'
import { queuePath, type QueueFilter, type ScreenProps } from './screens.js'
import { useScreenHeading } from './useScreenHeading.js'

interface Props extends ScreenProps {
  filter: QueueFilter
  onFilter: (filter: QueueFilter) => void
  /** Back from a ticket: its row gets focus instead of the heading. */
  focusTicket?: string
}

// New escalations appear without a reload; the list is small (the API caps it at 500).
const REFRESH_MS = 15_000

const MOVES: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }

/** A handed-over ticket waits from the hand-over; any other from when it was opened. */
const waitingSince = (t: QueueTicket) => t.escalation?.raised_at ?? t.created_at

/**
 * The queue: urgent first, then oldest (the API's order). One ticket link is in the tab order at
 * a time; arrow keys or j/k move between rows, Home/End to the ends, Enter opens the ticket.
 */
export function Queue({ me, say, report, go, filter, onFilter, focusTicket }: Props) {
  const heading = useScreenHeading('Queue', !focusTicket)
  const [tickets, setTickets] = useState<QueueTicket[] | null>(null)
  // By ticket, not position: a refresh that reorders the list keeps the same ticket active.
  const [activeId, setActiveId] = useState<string | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const rows = useRef<(HTMLAnchorElement | null)[]>([])
  const returned = useRef(false)

  const load = useCallback(
    async (announce: boolean, signal?: AbortSignal) => {
      try {
        const body = await api<{ tickets: QueueTicket[] }>(queuePath(filter, me.email), { signal })
        setTickets(body.tickets)
        setNow(Date.now())
        if (announce) say(body.tickets.length === 1 ? '1 ticket in the queue.' : `${body.tickets.length} tickets in the queue.`)
      } catch (err) {
        if ((err as Error).name !== 'AbortError') report(err)
      }
    },
    [filter, me.email, say, report],
  )

  useEffect(() => {
    const aborter = new AbortController()
    void load(true, aborter.signal)
    const timer = setInterval(() => void load(false, aborter.signal), REFRESH_MS)
    return () => {
      aborter.abort()
      clearInterval(timer)
    }
  }, [load])

  const found = tickets ? tickets.findIndex((t) => t.ticket_id === activeId) : -1
  const active = found >= 0 ? found : 0

  // Back from a ticket: its row gets focus (the heading, if it has left the queue).
  useEffect(() => {
    if (!tickets || returned.current || !focusTicket) return
    returned.current = true
    const i = tickets.findIndex((t) => t.ticket_id === focusTicket)
    if (i < 0) return heading.current?.focus()
    setActiveId(focusTicket)
    rows.current[i]?.focus()
  }, [tickets, focusTicket, heading])

  const move = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (!tickets?.length || e.altKey || e.ctrlKey || e.metaKey) return
    const last = tickets.length - 1
    const step = MOVES[e.key]
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? last : step !== undefined ? Math.min(last, Math.max(0, active + step)) : null
    if (to === null) return
    e.preventDefault()
    setActiveId(tickets[to]!.ticket_id)
    rows.current[to]?.focus()
  }

  const open = (e: MouseEvent, ticketId: string) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
    e.preventDefault()
    go({ kind: 'ticket', id: ticketId })
  }

  const filtered = !!(filter.status || filter.channel || filter.assignee)
  const set = (patch: Partial<QueueFilter>) => {
    setActiveId(null)
    onFilter({ ...filter, ...patch })
  }

  return (
    <section aria-labelledby="queue-title">
      <div className="screen-head">
        <h1 id="queue-title" ref={heading} tabIndex={-1}>
          Queue
        </h1>
        <button type="button" className="secondary" onClick={() => void load(true)}>
          Refresh
        </button>
      </div>
      <form className="filters" aria-label="Filter the queue" onSubmit={(e) => e.preventDefault()}>
        <div className="fte-field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" value={filter.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">Needs a person</option>
            {STATUS_CODES.map((s) => (
              <option key={s} value={s}>
                {statusText(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="fte-field">
          <label htmlFor="filter-channel">Channel</label>
          <select id="filter-channel" value={filter.channel} onChange={(e) => set({ channel: e.target.value })}>
            <option value="">Any channel</option>
            {CHANNEL_CODES.map((c) => (
              <option key={c} value={c}>
                {channelText(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="fte-field">
          <label htmlFor="filter-assignee">Assignee</label>
          <select id="filter-assignee" value={filter.assignee} onChange={(e) => set({ assignee: e.target.value === 'me' ? 'me' : '' })}>
            <option value="">Anyone</option>
            <option value="me">Mine</option>
          </select>
        </div>
      </form>
      <p id="queue-keys" className="hint">
        Arrow keys or <kbd>j</kbd> and <kbd>k</kbd> move between tickets; <kbd>Enter</kbd> opens one.
      </p>
      {tickets === null ? <p className="muted">Loading the queue…</p> : null}
      {tickets?.length === 0 ? (
        <p className="empty">No tickets match. Nothing is waiting for a person{filtered ? ' with these filters' : ''}.</p>
      ) : null}
      {tickets?.length ? (
        <table className="queue" aria-describedby="queue-keys">
          <caption className="sr-only">{tickets.length === 1 ? '1 ticket' : `${tickets.length} tickets`}, most urgent first</caption>
          <thead>
            <tr>
              <th scope="col">Ticket</th>
              <th scope="col">Priority</th>
              <th scope="col">Waiting</th>
              <th scope="col">Channel</th>
              <th scope="col">Reason</th>
              <th scope="col">Unread</th>
              <th scope="col">Assignee</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody onKeyDown={move}>
            {tickets.map((t, i) => (
              <tr key={t.ticket_id} className={i === active ? 'active' : undefined}>
                <th scope="row">
                  <a
                    href={`/console/tickets/${encodeURIComponent(t.ticket_id)}`}
                    ref={(el) => void (rows.current[i] = el)}
                    tabIndex={i === active ? 0 : -1}
                    onFocus={() => setActiveId(t.ticket_id)}
                    onClick={(e) => open(e, t.ticket_id)}
                  >
                    {t.subject || `Ticket ${t.ticket_id}`}
                  </a>
                  <span className="sub">{t.customer?.name ?? 'Unknown customer'}</span>
                </th>
                <td>
                  <span className={`badge priority-${t.priority ?? 'none'}`}>{priorityText(t.priority)}</span>
                </td>
                <td>
                  <span title={ageLong(waitingSince(t), now)}>{ageText(waitingSince(t), now)}</span>
                </td>
                <td>
                  <span className={`badge channel-${t.channel}`}>{channelText(t.channel)}</span>
                </td>
                <td>{t.escalation ? reasonText(t.escalation.reason) : <span className="muted">None</span>}</td>
                <td>
                  {t.unread ? (
                    <span className="badge unread">
                      {t.unread}
                      <span className="sr-only"> unread</span>
                    </span>
                  ) : (
                    <span className="muted">0</span>
                  )}
                </td>
                <td>{t.assignee ? (t.assignee === me.email ? 'You' : t.assignee) : <span className="muted">Nobody</span>}</td>
                <td>{statusText(t.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
