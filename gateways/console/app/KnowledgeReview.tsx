import { useCallback, useEffect, useId, useState } from 'react'
import { api, pollUntil } from './api.js'
import { ActionForm } from './ActionForm.js'
import { timeText } from './labels.js'
import type { ScreenProps } from './screens.js'
import { useScreenHeading } from './useScreenHeading.js'

type State = 'pending' | 'approved' | 'rejected'

interface Duplicate {
  kind: 'article' | 'candidate'
  id: string
  title: string
  score: number
}

export interface Candidate {
  candidate_id: string
  state: State
  title: string
  body: string
  category: string
  ticket: { ticket_id: string; ticket_number: string }
  proposed_by: { email: string; name: string }
  proposed_at: string | null
  decided_by: { email: string; name: string } | null
  decided_at: string | null
  decision_note: string | null
  article_id: string | null
  near_duplicate: Duplicate | null
}

const STATE_TEXT: Record<State, string> = { pending: 'Waiting for review', approved: 'Approved', rejected: 'Rejected' }
const read = (state: State) => api<{ candidates: Candidate[] }>(`/api/knowledge/candidates?state=${state}`).then((r) => r.candidates)

/**
 * Answers people gave on resolving tickets, offered as knowledge. An admin approves one into the
 * knowledge base (the agent answers from it from then on) or rejects it; agents see the list.
 * Nothing here is used in an answer until it is approved.
 */
export function KnowledgeReview({ me, say, report }: ScreenProps) {
  const heading = useScreenHeading('Knowledge review')
  const uid = useId()
  const [state, setState] = useState<State>('pending')
  const [candidates, setCandidates] = useState<Candidate[] | null>(null)

  useEffect(() => {
    let live = true
    setCandidates(null)
    read(state)
      .then((c) => live && setCandidates(c))
      .catch(report)
    return () => {
      live = false
    }
  }, [state, report])

  const decide = useCallback(
    async (c: Candidate, action: 'approve' | 'reject', body: unknown) => {
      await api(`/api/knowledge/candidates/${encodeURIComponent(c.candidate_id)}/${action}`, { body })
      say(action === 'approve' ? 'Approved; publishing it to the knowledge base…' : 'Rejecting…')
      const followed = await pollUntil(() => read(state), (list) => !list.some((x) => x.candidate_id === c.candidate_id), setCandidates)
      // Another admin may have decided it first: say what holds, not what was asked.
      const now = followed.done ? await api<Candidate>(`/api/knowledge/candidates/${encodeURIComponent(c.candidate_id)}`) : null
      say(
        !now
          ? 'Accepted. The list will show it in a moment.'
          : now.state === 'approved'
            ? `Approved: "${now.title}" is now in the knowledge base.`
            : `Rejected: "${now.title}".`,
      )
      heading.current?.focus()
    },
    [say, state, heading],
  )

  return (
    <section aria-labelledby="knowledge-title">
      <div className="screen-head">
        <h1 id="knowledge-title" ref={heading} tabIndex={-1}>
          Knowledge review
        </h1>
        <div className="fte-field period">
          <label htmlFor={`${uid}-state`}>Show</label>
          <select id={`${uid}-state`} value={state} onChange={(e) => setState(e.target.value as State)}>
            {(Object.keys(STATE_TEXT) as State[]).map((s) => (
              <option key={s} value={s}>
                {STATE_TEXT[s]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="hint">
        Answers offered when tickets were resolved. An approved answer becomes a knowledge-base article the agent answers from; a waiting or rejected one is never used.
        {me.role === 'admin' ? null : ' Only an admin can approve or reject.'}
      </p>
      {candidates === null ? <p className="muted">Loading…</p> : null}
      {candidates?.length === 0 ? <p className="empty">{state === 'pending' ? 'Nothing waiting for review.' : `No ${STATE_TEXT[state].toLowerCase()} answers.`}</p> : null}
      {candidates?.map((c) => <CandidateCard key={c.candidate_id} c={c} mayDecide={me.role === 'admin'} decide={decide} report={report} />)}
    </section>
  )
}

function CandidateCard({ c, mayDecide, decide, report }: { c: Candidate; mayDecide: boolean; decide: (c: Candidate, action: 'approve' | 'reject', body: unknown) => Promise<void>; report: (err: unknown) => void }) {
  const uid = useId()
  const [busy, setBusy] = useState(false)
  const approve = async () => {
    if (busy) return
    setBusy(true)
    try {
      await decide(c, 'approve', {})
    } catch (err) {
      report(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <article className="panel candidate" aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`}>{c.title}</h2>
      <p className="msg-head">
        <span className="chip">{c.category}</span> From ticket{' '}
        <a href={`/console/tickets/${encodeURIComponent(c.ticket.ticket_id)}`}>{c.ticket.ticket_number}</a>, offered by {c.proposed_by.name}{' '}
        <time className="muted">{timeText(c.proposed_at)}</time>
      </p>
      {c.near_duplicate ? (
        <p className="duplicate" role="note">
          <span className="badge claimed">Possible duplicate</span> Nearly the same as the {c.near_duplicate.kind === 'article' ? 'article' : 'answer'} &ldquo;{c.near_duplicate.title}&rdquo; (similarity{' '}
          {c.near_duplicate.score.toFixed(2)}).
        </p>
      ) : null}
      <p className="summary">{c.body}</p>
      {c.decided_by ? (
        <p className="muted">
          {c.state === 'approved' ? 'Approved' : 'Rejected'} by {c.decided_by.name} {timeText(c.decided_at)}
          {c.article_id ? <> as article <span className="mono">{c.article_id}</span></> : null}
          {c.decision_note ? <>: &ldquo;{c.decision_note}&rdquo;</> : null}
        </p>
      ) : null}
      {mayDecide && c.state === 'pending' ? (
        <div className="pair">
          <div>
            <button type="button" aria-disabled={busy ? 'true' : 'false'} onClick={() => void approve()}>
              {busy ? 'Approving…' : 'Approve and publish'}
            </button>
          </div>
          <ActionForm
            title="Reject"
            fields={[{ name: 'note', label: 'Why', kind: 'textarea', hint: 'Shown with the answer in the review list.' }]}
            submit="Reject"
            busyText="Rejecting…"
            onSubmit={(v) => decide(c, 'reject', v.note ? { note: v.note } : {})}
            report={report}
          />
        </div>
      ) : null}
    </article>
  )
}
