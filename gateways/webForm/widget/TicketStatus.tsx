import { useEffect, useId, useRef, useState } from 'react'
import { fetchTicket, type TicketSnapshot } from './api.js'
import { isSettled, POLL_INTERVAL_MS, POLL_LIMIT_MS, replies, statusText } from './ticketProgress.js'

interface Props {
  api: string
  ticketId: string
  email: string
  announce: (message: string) => void
  onReset: () => void
}

type Phase = 'polling' | 'settled' | 'timed-out'

/** After a submission: the ticket number, its status, and support's reply as soon as it exists. */
export function TicketStatus({ api, ticketId, email, announce, onReset }: Props) {
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const [ticket, setTicket] = useState<TicketSnapshot | null>(null)
  const [phase, setPhase] = useState<Phase>('polling')
  // Bumped by "check again" to start a fresh polling run.
  const [run, setRun] = useState(0)
  const lastStatus = useRef<string | null>(null)

  // The form the customer was in is gone: put focus on the confirmation so nobody is lost on <body>.
  useEffect(() => {
    heading.current?.focus()
    announce(`Thank you. Your request was received. Your ticket number is ${ticketId}.`)
  }, [announce, ticketId])

  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const aborter = new AbortController()
    const started = Date.now()
    const tick = async () => {
      const snapshot = await fetchTicket(api, ticketId, aborter.signal)
      if (stopped) return
      if (snapshot) {
        setTicket(snapshot)
        if (isSettled(snapshot)) {
          setPhase('settled')
          const reply = replies(snapshot).at(-1)
          announce(reply ? `Reply from support: ${reply.content}` : `Status: ${statusText(snapshot.status)}.`)
          return
        }
        if (snapshot.status !== lastStatus.current && lastStatus.current !== null) announce(`Status: ${statusText(snapshot.status)}.`)
        lastStatus.current = snapshot.status
      }
      if (Date.now() - started >= POLL_LIMIT_MS) {
        setPhase('timed-out')
        announce(`We are still working on your request. We will also answer by email at ${email}.`)
        return
      }
      timer = setTimeout(() => void tick(), POLL_INTERVAL_MS)
    }
    setPhase('polling')
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
      aborter.abort()
    }
  }, [api, ticketId, email, announce, run])

  const answers = ticket ? replies(ticket) : []
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Thank you, we have your request
      </h2>
      <p>
        Your ticket number is <strong className="fte-ticket-id">{ticketId}</strong>. Please mention it if you contact us about this request.
      </p>
      <dl className="fte-status">
        <dt>Status:</dt>
        <dd>{statusText(ticket?.status ?? 'received')}</dd>
      </dl>
      {phase === 'polling' && answers.length === 0 ? (
        <p className="fte-muted fte-spinner">Waiting for our answer; it usually takes a few seconds…</p>
      ) : null}
      {answers.map((m, i) => (
        <article key={`${m.created_at}-${i}`} className="fte-reply" aria-labelledby={`${headingId}-reply-${i}`}>
          <h3 id={`${headingId}-reply-${i}`}>{m.role === 'human' ? 'Reply from our team' : 'Reply from support'}</h3>
          <p className="fte-reply-text">{m.content}</p>
        </article>
      ))}
      {phase === 'timed-out' ? (
        <p>
          We are still working on it, and we will also answer by email at <strong>{email}</strong>.{' '}
          <button type="button" className="fte-secondary" onClick={() => setRun((n) => n + 1)}>
            Check again
          </button>
        </p>
      ) : null}
      <button type="button" className="fte-secondary" onClick={onReset}>
        Send another request
      </button>
    </section>
  )
}
