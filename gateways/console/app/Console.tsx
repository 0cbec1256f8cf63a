import { useCallback, useEffect, useState, type MouseEvent } from 'react'
import { useAnnouncer } from '../../webForm/widget/useAnnouncer.js'
import { api, ApiError, type Me } from './api.js'
import { MergeSuggestions } from './MergeSuggestions.js'
import { Reports } from './Reports.js'
import { KnowledgeReview } from './KnowledgeReview.js'
import { Queue } from './Queue.js'
import { ANY_TICKET, pathOf, screenOf, type QueueFilter, type Screen } from './screens.js'
import { TicketView } from './TicketView.js'

const ROLE_TEXT = { admin: 'Admin', agent: 'Agent', analyst: 'Analyst (read-only)' } as const

/**
 * The staff console: a header with who is signed in, the current screen, and two live regions
 * outside every screen (polite for progress, assertive for errors), so what is announced
 * survives a change of screen.
 */
export function Console() {
  const [me, setMe] = useState<Me | null>(null)
  const [ended, setEnded] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [screen, setScreen] = useState<Screen>(() => screenOf(location.pathname))
  const [filter, setFilter] = useState<QueueFilter>(ANY_TICKET)
  // The ticket last opened: back on the queue, focus returns to its row.
  const [lastTicket, setLastTicket] = useState<string | undefined>()
  const [status, say] = useAnnouncer()
  const [alert, announceError] = useAnnouncer()

  const report = useCallback(
    (err: unknown) => {
      const message = err instanceof ApiError ? err.message : 'Something went wrong in the console. Reload the page and try again.'
      if (err instanceof ApiError && err.status === 401) setEnded(true)
      announceError(message)
    },
    [announceError],
  )

  const go = useCallback((next: Screen) => {
    if (next.kind === 'ticket') setLastTicket(next.id)
    else if (next.kind !== 'queue') setLastTicket(undefined)
    history.pushState(null, '', pathOf(next))
    setScreen(next)
  }, [])

  useEffect(() => {
    const onPop = () => setScreen(screenOf(location.pathname))
    addEventListener('popstate', onPop)
    return () => removeEventListener('popstate', onPop)
  }, [])

  useEffect(() => {
    api<Me>('/api/me')
      .then(setMe)
      .catch((err: unknown) => {
        report(err)
        setFailure(err instanceof ApiError ? err.message : 'The console could not start.')
      })
  }, [report])

  const link = (target: Screen) => ({
    href: pathOf(target),
    'aria-current': screen.kind === target.kind ? ('page' as const) : undefined,
    onClick: (e: MouseEvent) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return
      e.preventDefault()
      go(target)
    },
  })

  const props = me ? { me, say, report, go } : null
  return (
    <div className="console">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        <a className="brand" {...link({ kind: 'queue' })} aria-current={undefined}>
          Support console
        </a>
        <nav aria-label="Console">
          <ul>
            <li>
              <a {...link({ kind: 'queue' })}>Queue</a>
            </li>
            <li>
              <a {...link({ kind: 'merges' })}>Merge suggestions</a>
            </li>
            {me?.role === 'analyst' ? null : (
              <li>
                <a {...link({ kind: 'knowledge' })}>Knowledge review</a>
              </li>
            )}
            <li>
              <a {...link({ kind: 'reports' })}>Reports</a>
            </li>
          </ul>
        </nav>
        {me ? (
          <div className="whoami">
            <span>
              Signed in as <strong>{me.name}</strong> <span className="muted">({me.email})</span>{' '}
              <span className={`badge role-${me.role}`}>{ROLE_TEXT[me.role]}</span>
            </span>
            <form method="post" action="/console/sign-out">
              <button type="submit" className="secondary">
                Sign out
              </button>
            </form>
          </div>
        ) : null}
      </header>
      {ended ? (
        <p className="banner">
          Your session has ended. <a href="/console/sign-in">Sign in again</a> to continue.
        </p>
      ) : null}
      <main id="main" tabIndex={-1}>
        {props && screen.kind === 'queue' ? <Queue {...props} filter={filter} onFilter={setFilter} focusTicket={lastTicket} /> : null}
        {props && screen.kind === 'ticket' ? <TicketView key={screen.id} {...props} ticketId={screen.id} /> : null}
        {props && screen.kind === 'merges' ? <MergeSuggestions {...props} /> : null}
        {props && screen.kind === 'reports' ? <Reports {...props} /> : null}
        {props && screen.kind === 'knowledge' ? <KnowledgeReview {...props} /> : null}
        {!me && !failure ? <p className="muted">Loading…</p> : null}
        {!me && failure ? <p className="form-error">{failure}</p> : null}
      </main>
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-live="status">
        {status}
      </div>
      <div className="sr-only" role="alert" aria-live="assertive" aria-atomic="true" data-live="alert">
        {alert}
      </div>
    </div>
  )
}
