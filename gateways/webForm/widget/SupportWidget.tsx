import { useState } from 'react'
import { SupportForm } from './SupportForm.js'
import { TicketStatus } from './TicketStatus.js'
import { useAnnouncer } from './useAnnouncer.js'
import type { FormValues } from './validation.js'

export interface WidgetOptions {
  /** API base URL (`https://support.example.com`); the widget calls `<api>/support/...`. */
  api: string
  /** The form's heading. */
  title: string
}

type View = { kind: 'form'; keep?: Partial<FormValues> } | { kind: 'ticket'; ticketId: string; email: string; keep: Partial<FormValues> }

/**
 * The embeddable support form: the form, then the ticket's status page. One polite live region,
 * outside both views, announces errors and progress, so announcements survive the view change.
 */
export function SupportWidget({ api, title }: WidgetOptions) {
  const [view, setView] = useState<View>({ kind: 'form' })
  const [announcement, announce] = useAnnouncer()
  return (
    <div className="fte-widget">
      {view.kind === 'form' ? (
        <SupportForm
          api={api}
          title={title}
          // Another request: pre-filled with who they are, and focus lands on the new form.
          initial={view.keep}
          focusOnMount={!!view.keep}
          announce={announce}
          onAccepted={({ ticketId, email, values }) => setView({ kind: 'ticket', ticketId, email, keep: { name: values.name, email: values.email, phone: values.phone } })}
        />
      ) : (
        <TicketStatus api={api} ticketId={view.ticketId} email={view.email} announce={announce} onReset={() => setView({ kind: 'form', keep: view.keep })} />
      )}
      <div className="fte-sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  )
}
