import { useCallback, useEffect, useId, useState } from 'react'
import { api, ApiError, pollUntil, type MergeSuggestion } from './api.js'
import { Identifiers } from './Identifiers.js'
import { timeText } from './labels.js'
import type { ScreenProps } from './screens.js'
import { useScreenHeading } from './useScreenHeading.js'

type Listing = { kind: 'loading' } | { kind: 'unavailable' } | { kind: 'listed'; suggestions: MergeSuggestion[] }

const read = async (): Promise<Listing> => {
  try {
    return { kind: 'listed', suggestions: (await api<{ suggestions: MergeSuggestion[] }>('/api/customers/suggestions')).suggestions }
  } catch (err) {
    // A server without the identity review answers 404: nothing to review, not a failure.
    if (err instanceof ApiError && err.status === 404) return { kind: 'unavailable' }
    throw err
  }
}

const pending = (l: Listing, id: string) => l.kind === 'listed' && l.suggestions.some((s) => s.suggestion_id === id)

/**
 * Customers who may be one person, for a person to decide: confirm (the kept customer absorbs the
 * other) or dismiss. The system never merges on its own.
 */
export function MergeSuggestions({ me, say, report }: ScreenProps) {
  const heading = useScreenHeading('Merge suggestions')
  const [listing, setListing] = useState<Listing>({ kind: 'loading' })

  useEffect(() => {
    read().then(setListing).catch(report)
  }, [report])

  const decide = useCallback(
    async (id: string, path: string, body: unknown, done: string) => {
      await api(path, { body })
      say('Accepted; updating the list…')
      const followed = await pollUntil(read, (l) => !pending(l, id), setListing)
      say(followed.done ? done : 'Accepted. The list will show it in a moment.')
      heading.current?.focus()
    },
    [say, heading],
  )

  return (
    <section aria-labelledby="merges-title">
      <h1 id="merges-title" ref={heading} tabIndex={-1}>
        Merge suggestions
      </h1>
      <p className="hint">
        Customers who may be the same person. Merging keeps one customer and moves the other&apos;s identifiers and conversations to it.
      </p>
      {listing.kind === 'loading' ? <p className="muted">Loading…</p> : null}
      {listing.kind === 'unavailable' ? <p className="empty">No merge suggestions. This server does not suggest merges yet.</p> : null}
      {listing.kind === 'listed' && listing.suggestions.length === 0 ? <p className="empty">No merge suggestions right now.</p> : null}
      {listing.kind === 'listed'
        ? listing.suggestions.map((s) => (
            <Suggestion key={s.suggestion_id} suggestion={s} mayDecide={me.role !== 'analyst'} decide={decide} report={report} />
          ))
        : null}
    </section>
  )
}

interface SuggestionProps {
  suggestion: MergeSuggestion
  mayDecide: boolean
  decide: (id: string, path: string, body: unknown, done: string) => Promise<void>
  report: (err: unknown) => void
}

function Suggestion({ suggestion: s, mayDecide, decide, report }: SuggestionProps) {
  const uid = useId()
  const [survivor, setSurvivor] = useState(s.customers[0]?.customer_id ?? '')
  const [busy, setBusy] = useState(false)
  const name = (id: string) => s.customers.find((c) => c.customer_id === id)?.name || 'Unnamed customer'
  const titleId = `${uid}-title`
  const run = async (fn: () => Promise<void>) => {
    if (busy) return
    setBusy(true)
    try {
      await fn()
    } catch (err) {
      report(err)
    } finally {
      setBusy(false)
    }
  }
  const merged = s.customers.find((c) => c.customer_id !== survivor)?.customer_id
  const dismissPath = `/api/customers/suggestions/${encodeURIComponent(s.suggestion_id)}/dismiss`

  return (
    <article className="panel suggestion" aria-labelledby={titleId}>
      <h2 id={titleId}>{s.customers.map((c) => c.name || 'Unnamed customer').join(' and ')}: the same person?</h2>
      <p>
        <strong>Why:</strong> {s.reason}. {s.suggested_at ? <span className="muted">Suggested {timeText(s.suggested_at)}.</span> : null}
      </p>
      {s.identifiers.length ? (
        <p>
          <strong>Shared:</strong>{' '}
          {s.identifiers.map((i) => (
            <span key={`${i.kind}:${i.value}`} className="mono chip">
              {i.value}
            </span>
          ))}
        </p>
      ) : null}
      <div className="pair">
        {s.customers.map((c) => (
          <div key={c.customer_id} className="card">
            <h3>{c.name || 'Unnamed customer'}</h3>
            <Identifiers identifiers={c.identifiers} />
          </div>
        ))}
      </div>
      {mayDecide && merged ? (
        <form
          className="decide"
          onSubmit={(e) => {
            e.preventDefault()
            void run(() => decide(s.suggestion_id, '/api/customers/merge', { survivor, merged }, `Merged: ${name(survivor)} kept.`))
          }}
        >
          <fieldset>
            <legend>Keep which customer?</legend>
            {s.customers.map((c) => (
              <div key={c.customer_id} className="check">
                <input
                  type="radio"
                  id={`${uid}-${c.customer_id}`}
                  name={`${uid}-survivor`}
                  value={c.customer_id}
                  checked={survivor === c.customer_id}
                  onChange={() => setSurvivor(c.customer_id)}
                />
                <label htmlFor={`${uid}-${c.customer_id}`}>{c.name || 'Unnamed customer'}</label>
              </div>
            ))}
          </fieldset>
          <div className="buttons">
            <button type="submit" aria-disabled={busy ? 'true' : 'false'}>
              Confirm merge
            </button>
            <button
              type="button"
              className="secondary"
              aria-disabled={busy ? 'true' : 'false'}
              onClick={() => void run(() => decide(s.suggestion_id, dismissPath, {}, 'Suggestion dismissed.'))}
            >
              Dismiss
            </button>
          </div>
        </form>
      ) : null}
    </article>
  )
}
