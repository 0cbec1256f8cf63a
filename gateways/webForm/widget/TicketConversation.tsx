import { useEffect, useId, useRef, useState } from 'react'
import { followUpMessage } from '../submission.js'
import { endpoint, fetchTicket, sendFollowUp, type TicketSnapshot } from './api.js'
import { SmallForm } from './SmallForm.js'
import {
  authorOf, awaitingAnswer, IDLE_POLL_INTERVAL_MS, isResolved, POLL_INTERVAL_MS, POLL_LIMIT_MS, replies, statusText,
} from './ticketProgress.js'

interface Props {
  api: string
  ticketId: string
  /** Shown at once, before the first poll answers (the submission's answer carries it). */
  ticketNumber?: string
  /** The address the customer gave, when this page view knows it (after submitting or checking). */
  email: string | null
  /** How the customer got here: they just submitted, they checked by number, or they opened the link. */
  intro: 'submitted' | 'checked' | 'link'
  announce: (message: string) => void
  onReset?: () => void
}

const DELIVERY_TEXT: Record<string, string> = { failed: 'Could not be sent', undelivered: 'Could not be delivered' }
const time = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * A ticket as its customer sees it: number, status in their words, the conversation (theirs, the
 * assistant's and our team's replies, signed with a first name), and a box to write more. It
 * follows the ticket live by polling: quickly while an answer is due, every few seconds otherwise
 * (a person may answer at any time), paused while the page is hidden.
 */
export function TicketConversation({ api, ticketId, ticketNumber, email, intro, announce, onReset }: Props) {
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const [ticket, setTicket] = useState<TicketSnapshot | null>(null)
  const [waitedLong, setWaitedLong] = useState(false)
  // Bumped after a follow-up is sent, so polling goes fast again at once.
  const [nudge, setNudge] = useState(0)
  // Just submitted, the customer has seen nothing yet: the first reply is news even on the first poll.
  // Opened later, what is already there is not announced, only what arrives.
  const seen = useRef<{ status: string | null; replies: number | null }>(intro === 'submitted' ? { status: 'received', replies: 0 } : { status: null, replies: null })
  const number = ticket?.ticket_number ?? ticketNumber ?? null

  // The form the customer was in is gone: put focus on the heading so nobody is lost on <body>.
  useEffect(() => {
    heading.current?.focus()
    if (intro === 'submitted') announce(`Thank you. Your request was received.${ticketNumber ? ` Your ticket number is ${ticketNumber}.` : ''}`)
  }, [announce, intro, ticketNumber])

  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const aborter = new AbortController()
    const started = Date.now()
    const tick = async () => {
      if (document.hidden) return void (timer = setTimeout(() => void tick(), IDLE_POLL_INTERVAL_MS))
      const snapshot = await fetchTicket(api, ticketId, aborter.signal)
      if (stopped) return
      if (snapshot) {
        setTicket(snapshot)
        const answers = replies(snapshot)
        const before = seen.current
        // Announce what is new since the last look, not what was already on the page.
        if (before.replies !== null && answers.length > before.replies) {
          const latest = answers.at(-1)!
          announce(`${latest.role === 'human' ? `Reply from ${authorOf(latest)}` : 'Reply from support'}: ${latest.content}`)
        } else if (before.status !== null && snapshot.status !== before.status) announce(`Status: ${statusText(snapshot.status)}.`)
        seen.current = { status: snapshot.status, replies: answers.length }
      }
      const waiting = !snapshot || awaitingAnswer(snapshot)
      setWaitedLong(waiting && Date.now() - started >= POLL_LIMIT_MS)
      timer = setTimeout(() => void tick(), waiting ? POLL_INTERVAL_MS : IDLE_POLL_INTERVAL_MS)
    }
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
      aborter.abort()
    }
  }, [api, ticketId, announce, nudge])

  const resolved = ticket ? isResolved(ticket.status) : false
  const pageUrl = endpoint(api, `/support/ticket/${encodeURIComponent(ticketId)}`)
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {intro === 'submitted' ? 'Thank you, we have your request' : `Your request${ticket?.subject ? `: ${ticket.subject}` : ''}`}
      </h2>
      {number ? (
        <p>
          Your ticket number is <strong className="fte-ticket-id">{number}</strong>. Please mention it if you contact us about this request.
        </p>
      ) : null}
      {intro !== 'link' ? (
        <p className="fte-muted">
          {/* The link is the key to this conversation: it goes nowhere else, and sends no Referer. */}
          To come back later, keep <a href={pageUrl} rel="noreferrer">this request's page</a>, or use "Check a request" with the number and your email address.
        </p>
      ) : null}
      <dl className="fte-status">
        <dt>Status:</dt>
        <dd>{statusText(ticket?.status ?? 'received')}</dd>
      </dl>

      <ol className="fte-conversation" aria-label="Conversation">
        {(ticket?.messages ?? []).map((m, i) => (
          <li key={`${m.created_at}-${i}`} className={m.direction === 'inbound' ? 'fte-mine' : 'fte-reply'}>
            <p className="fte-meta">
              <strong>{m.direction === 'inbound' ? 'You wrote' : authorOf(m)}</strong> <span className="fte-muted">{time(m.created_at)}</span>
              {m.direction === 'outbound' && m.delivery_status && DELIVERY_TEXT[m.delivery_status] ? <span className="fte-error"> · {DELIVERY_TEXT[m.delivery_status]}</span> : null}
            </p>
            <p className={m.direction === 'inbound' ? 'fte-message-text' : 'fte-reply-text'}>{m.content}</p>
          </li>
        ))}
      </ol>
      {ticket && awaitingAnswer(ticket) ? <p className="fte-muted fte-spinner">Waiting for our answer; it usually takes a few seconds…</p> : null}
      {waitedLong ? (
        <p>
          We are still working on it{email ? (
            <>
              , and we will also answer by email at <strong>{email}</strong>
            </>
          ) : null}
          . This page updates by itself.
        </p>
      ) : null}

      {ticket?.follow_ups?.length ? (
        <div className="fte-summary fte-note">
          <p>You wrote again after this request was resolved, so it continues as a new request:</p>
          <ul>
            {ticket.follow_ups.map((f) => (
              <li key={f.ticket_id}>
                <a href={endpoint(api, `/support/ticket/${encodeURIComponent(f.ticket_id)}`)} rel="noreferrer">
                  Request {f.ticket_number}
                </a>{' '}
                ({statusText(f.status)})
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {ticket && ticket.messages.length ? (
        <SmallForm
          label="Write to us about this request"
          schema={followUpMessage}
          honeypot
          initial={email ? { email } : undefined}
          fields={[
            { name: 'email', label: 'Email', kind: 'email', autoComplete: 'email', hint: 'The address you wrote from, so we know it is you.' },
            { name: 'message', label: resolved ? 'Still need help?' : 'Add to your request', kind: 'textarea', hint: resolved ? 'This request is resolved: your message opens a new one, linked to it.' : undefined },
          ]}
          submitText="Send message"
          busyText="Sending…"
          announce={announce}
          onSubmit={async (values) => {
            const sent = await sendFollowUp(api, ticketId, values)
            if (sent.kind === 'accepted') {
              announce('Your message was sent.')
              setNudge((n) => n + 1)
              return { kind: 'done' }
            }
            if (sent.kind === 'not-found') return { kind: 'failed', message: 'This email address is not the one this request was sent from.' }
            return sent
          }}
        >
          <h3>{resolved ? 'Write to us again' : 'Reply'}</h3>
        </SmallForm>
      ) : null}

      {onReset ? (
        <button type="button" className="fte-secondary" onClick={onReset}>
          Send another request
        </button>
      ) : null}
    </section>
  )
}
