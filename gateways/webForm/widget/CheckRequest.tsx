import { useEffect, useId, useRef } from 'react'
import { ticketCheck } from '../submission.js'
import { checkTicket } from './api.js'
import { SmallForm } from './SmallForm.js'

interface Props {
  api: string
  /** Why the customer is here: they chose "check a request", or a link named no request we know. */
  reason: 'chosen' | 'not-found'
  announce: (message: string) => void
  onFound: (ticket: { ticketId: string; email: string }) => void
  onBack?: () => void
}

/** "Check a request": the ticket number and the email address used, which open the request. */
export function CheckRequest({ api, reason, announce, onFound, onBack }: Props) {
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {reason === 'not-found' ? 'We could not find this request' : 'Check a request'}
      </h2>
      <p className="fte-intro">
        {reason === 'not-found' ? 'The link may be incomplete. ' : ''}
        Give the ticket number from your confirmation or our email, and the email address you wrote from.
      </p>
      <SmallForm
        label="Check a request"
        schema={ticketCheck}
        fields={[
          { name: 'ticket', label: 'Ticket number', kind: 'text', hint: 'For example 7K3Q-M2XD.' },
          { name: 'email', label: 'Email', kind: 'email', autoComplete: 'email' },
        ]}
        submitText="Check request"
        busyText="Checking…"
        announce={announce}
        onSubmit={async (values) => {
          const found = await checkTicket(api, { ticket: values.ticket!, email: values.email! })
          if (found.kind === 'found') {
            onFound({ ticketId: found.ticketId, email: values.email!.trim() })
            return { kind: 'done' }
          }
          // One answer whatever was wrong: the server says no more than this either.
          if (found.kind === 'not-found') return { kind: 'failed', message: 'No request matches this ticket number and email address. Please check both and try again.' }
          return found
        }}
      />
      {onBack ? (
        <p>
          <button type="button" className="fte-secondary fte-link" onClick={onBack}>
            Back to the support form
          </button>
        </p>
      ) : null}
    </section>
  )
}
