import type { Me, TicketView } from './api.js'
import { ActionForm } from './ActionForm.js'
import { channelText, deliveryText } from './labels.js'

/** Runs one action and follows the ticket until `settled` holds; returns what the action answered. */
export type Act = <T>(
  path: string,
  body: unknown,
  settled: (ticket: TicketView, answer: T) => boolean,
  words: { sent: string; done: (ticket: TicketView, answer: T) => string },
) => Promise<T>

interface Props {
  ticket: TicketView
  me: Me
  act: Act
  report: (err: unknown) => void
}

const NOTE_WORDS = { sent: 'Adding the note…', done: () => 'Note added.' }

const finished = (status: string) => status === 'resolved' || status === 'closed'

/** A reply has settled once dispatch has said what became of it. */
const replySettled = (t: TicketView, replyId: string | null | undefined) =>
  !!replyId && t.history.some((m) => m.message_id === replyId && m.delivery_status && m.delivery_status !== 'queued')
const replyWords = (t: TicketView, replyId: string | null | undefined) => {
  const status = t.history.find((m) => m.message_id === replyId)?.delivery_status
  return `Reply sent. Delivery: ${deliveryText(status) || 'pending'}.`
}

/** What a person does to a ticket. Only roles that may work tickets see these; the server checks anyway. */
export function TicketActions({ ticket, me, act, report }: Props) {
  const id = encodeURIComponent(ticket.ticket_id)
  const done = finished(ticket.status)
  const path = (action: string) => `/api/tickets/${id}/${action}`
  const mine = ticket.assignee === me.email
  type ReplyAnswer = { reply_id?: string | null }

  if (done) {
    return (
      <div className="actions">
        <ActionForm
          title="Reopen"
          description="The ticket is resolved. Reopen it to reply or work on it again; it goes back to the queue."
          fields={[]}
          submit="Reopen ticket"
          busyText="Reopening…"
          report={report}
          onSubmit={async () => {
            await act(path('reopen'), {}, (t) => !finished(t.status), { sent: 'Reopening the ticket…', done: () => 'Ticket reopened.' })
          }}
        />
      </div>
    )
  }
  return (
    <div className="actions">
      <ActionForm
        title="Reply to the customer"
        description={`Sent on ${channelText(ticket.channel)}, signed with your first name.`}
        fields={[{ name: 'message', label: 'Reply', kind: 'textarea', required: true }]}
        submit="Send reply"
        busyText="Sending…"
        report={report}
        onSubmit={async (v) => {
          await act<ReplyAnswer>(path('reply'), { message: v.message }, (t, a) => replySettled(t, a.reply_id), {
            sent: 'Reply accepted; waiting for delivery…',
            done: (t, a) => replyWords(t, a.reply_id),
          })
        }}
      />
      <div className="assign">
        {/* Stays when it no longer applies (disabled), so the focus it had is not lost. */}
        <ActionForm
          title="Assign to me"
          description={mine ? 'Assigned to you.' : ticket.assignee ? `Now assigned to ${ticket.assignee}.` : 'Nobody is assigned.'}
          fields={[]}
          submit="Assign to me"
          busyText="Assigning…"
          report={report}
          disabled={mine}
          onSubmit={async () => {
            const words = { sent: 'Assigning…', done: () => 'Assigned to you.' }
            await act(path('assign'), { email: me.email }, (t) => t.assignee === me.email, words)
          }}
        />
        <ActionForm
          title="Assign to someone else"
          fields={[{ name: 'email', label: 'Staff email', kind: 'email', required: true, hint: 'The address of a staff member.' }]}
          submit="Assign"
          busyText="Assigning…"
          report={report}
          onSubmit={async (v) => {
            const email = v.email!.toLowerCase()
            await act(path('assign'), { email }, (t) => t.assignee === email, { sent: 'Assigning…', done: () => `Assigned to ${email}.` })
          }}
        />
      </div>
      <ActionForm
        title="Add a private note"
        description="Only staff see notes; the customer never does."
        fields={[{ name: 'note', label: 'Note', kind: 'textarea', required: true }]}
        submit="Add note"
        busyText="Adding…"
        report={report}
        onSubmit={async (v) => {
          const before = ticket.notes.length
          await act(path('notes'), { note: v.note }, (t) => t.notes.length > before, NOTE_WORDS)
        }}
      />
      <ActionForm
        title="Resolve"
        description="Closes the ticket; the customer's next message opens a new one."
        fields={[
          { name: 'reply', label: 'Final reply to the customer', kind: 'textarea' },
          { name: 'note', label: 'Closing note', kind: 'textarea', hint: 'Private, like any note.' },
          { name: 'save_answer', label: 'Save a reusable answer for the knowledge base', kind: 'checkbox' },
          { name: 'reusable_answer.title', label: 'Answer title', kind: 'text', required: true, when: (v) => v.save_answer === 'yes' },
          { name: 'reusable_answer.body', label: 'Answer text', kind: 'textarea', required: true, when: (v) => v.save_answer === 'yes' },
        ]}
        submit="Resolve ticket"
        busyText="Resolving…"
        report={report}
        onSubmit={async (v) => {
          // What the person is looking at: a customer message newer than this keeps the ticket open.
          const seen = ticket.history.filter((m) => m.direction === 'inbound').at(-1)?.created_at
          const newer = (t: typeof ticket) => t.history.some((m) => m.direction === 'inbound' && seen != null && m.created_at != null && m.created_at > seen)
          const body = {
            ...(seen ? { seen_through: seen } : {}),
            ...(v.reply ? { reply: v.reply } : {}),
            ...(v.note ? { note: v.note } : {}),
            ...(v.save_answer === 'yes' ? { reusable_answer: { title: v['reusable_answer.title'], body: v['reusable_answer.body'] } } : {}),
          }
          await act<ReplyAnswer>(path('resolve'), body, (t, a) => (finished(t.status) || newer(t)) && (!a.reply_id || replySettled(t, a.reply_id)), {
            sent: 'Resolving…',
            done: (t, a) =>
              !finished(t.status)
                ? 'The customer wrote again while you were resolving: the ticket stays open with their new message.'
                : a.reply_id ? `Ticket resolved. ${replyWords(t, a.reply_id)}` : 'Ticket resolved.',
          })
        }}
      />
    </div>
  )
}
