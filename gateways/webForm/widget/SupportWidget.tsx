import { useState } from 'react'
import { SupportForm } from './SupportForm.js'
import { TicketConversation } from './TicketConversation.js'
import { CheckRequest } from './CheckRequest.js'
import { useAnnouncer } from './useAnnouncer.js'
import type { FormValues } from './validation.js'

export interface WidgetOptions {
  /** API base URL (`https://support.example.com`); the widget calls `<api>/support/...`. */
  api: string
  /** The form's heading. */
  title: string
  /** What it opens on: the form (default), or a ticket's page (the status page mounts it so). */
  start?: { kind: 'form' } | { kind: 'ticket'; ticketId: string } | { kind: 'not-found' }
}

type View =
  | { kind: 'form'; keep?: Partial<FormValues> }
  | { kind: 'check'; reason: 'chosen' | 'not-found'; keep?: Partial<FormValues> }
  | { kind: 'ticket'; ticketId: string; ticketNumber?: string; email: string | null; intro: 'submitted' | 'checked' | 'link'; keep?: Partial<FormValues> }

const initialView = (start: WidgetOptions['start']): View =>
  start?.kind === 'ticket'
    ? { kind: 'ticket', ticketId: start.ticketId, email: null, intro: 'link' }
    : start?.kind === 'not-found'
      ? { kind: 'check', reason: 'not-found' }
      : { kind: 'form' }

/**
 * The embeddable support widget: the form, "check a request", and a ticket's page (after sending,
 * after checking, or opened by its link). One polite live region, outside every view, announces
 * errors and progress, so announcements survive the view changes.
 */
export function SupportWidget({ api, title, start }: WidgetOptions) {
  const [view, setView] = useState<View>(() => initialView(start))
  const [announcement, announce] = useAnnouncer()
  const keep = view.keep
  return (
    <div className="fte-widget">
      {view.kind === 'form' ? (
        <>
          <SupportForm
            api={api}
            title={title}
            // Another request: pre-filled with who they are, and focus lands on the new form.
            initial={view.keep}
            focusOnMount={!!view.keep}
            announce={announce}
            onAccepted={({ ticketId, ticketNumber, email, values }) =>
              setView({ kind: 'ticket', ticketId, ticketNumber, email, intro: 'submitted', keep: { name: values.name, email: values.email, phone: values.phone } })
            }
          />
          <p className="fte-switch">
            Wrote to us before?{' '}
            <button type="button" className="fte-secondary fte-link" onClick={() => setView({ kind: 'check', reason: 'chosen', keep })}>
              Check a request
            </button>
          </p>
        </>
      ) : view.kind === 'check' ? (
        <CheckRequest
          api={api}
          reason={view.reason}
          announce={announce}
          onFound={({ ticketId, email }) => setView({ kind: 'ticket', ticketId, email, intro: 'checked', keep })}
          onBack={() => setView({ kind: 'form', keep: keep ?? {} })}
        />
      ) : (
        <TicketConversation
          // A new ticket is a new page: no state (polling, announcements) carries over.
          key={view.ticketId}
          api={api}
          ticketId={view.ticketId}
          ticketNumber={view.ticketNumber}
          email={view.email}
          intro={view.intro}
          announce={announce}
          onReset={() => setView({ kind: 'form', keep: keep ?? (view.email ? { email: view.email } : {}) })}
        />
      )}
      <div className="fte-sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  )
}
