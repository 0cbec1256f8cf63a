import { Topics, type AgentDecision, type Channel } from '../../schemas/index.js'
import { replyEvent } from '../../platform/replyEvent.js'
import type { CompanyProfile } from '../../platform/companyProfile.js'
import type { Logger } from '../../platform/log.js'
import { defineStage } from '../../platform/stage.js'
import { metrics } from '../../platform/metrics.js'
import type { OutgoingEvent } from '../../platform/transport/contract.js'
import { identifiersOf } from '../../platform/identifiers.js'
import { decide, judge, questionOf } from './decide.js'
import { guardrailsFor } from './guardrails.js'
import type { Responder } from './responder.js'

/** The decision's reason when a person already owns the ticket. */
export const WITH_STAFF = 'with_staff'

export interface HistoryEntry {
  direction: 'inbound' | 'outbound'
  channel: Channel
  content: string
}

export interface DecisionDeps {
  /** The company the agent speaks for: name, signature, limits, what it never names. */
  company: CompanyProfile
  responder: Responder
  /**
   * Where the ticket stands, read once per message: whether a person owns it (escalated, assigned
   * or answered by a person: then the agent stands back), and the conversation so far (any
   * channel), oldest first, without the message being answered.
   */
  ticketSoFar(ticketId: string, conversationId: string, currentMessageId: string): Promise<{ ownedByPerson: boolean; history: HistoryEntry[] }>
  log: Logger
  /** The clock the events are stamped with (tests pass their own). */
  now?: () => number
}

/**
 * The decision stage: judge the message, let the responder answer when the agent may, check the
 * answer, and emit the decision, the reply and (when handing over) the escalation. The read-model
 * lookup is handed in, so the whole stage runs in a unit test.
 */
export function decisionStage({ company, responder, ticketSoFar, log, now = Date.now }: DecisionDeps) {
  const guardrails = guardrailsFor(company)
  return defineStage({
    name: 'decision',
    topics: [Topics.knowledgeRetrieved],
    async handle(event) {
      const retrieved = event.value
      const { context } = retrieved
      const verdict = judge(retrieved, company)
      const { ownedByPerson, history } = await ticketSoFar(context.ticket_id, context.conversation_id, context.inbound.event_id)
      if (ownedByPerson) {
        // The follow-up lands on the person's ticket (identity put it there) and waits for them
        // as unread; the decision only records its sentiment. Nothing is sent.
        const standBack: AgentDecision = {
          ...decide(company, retrieved, { ...verdict, reason: WITH_STAFF }, null, now()).decision,
          reply_text: '',
        }
        return [{ topic: Topics.agentDecisions, key: context.customer_id, value: standBack }]
      }
      let answer: { body: string; cited: string[] } | null = null
      if (!verdict.reason) {
        const raw = await responder.answer({
          question: questionOf(retrieved),
          channel: context.inbound.channel,
          customerName: context.inbound.sender.name,
          hits: retrieved.hits,
          history,
        })
        const checked = guardrails(raw.body, { hits: retrieved.hits, customerIdentifiers: identifiersOf(context.inbound.sender) })
        if (checked.violations.length) log.warn('guardrails removed text from an answer', { ticket_id: context.ticket_id, violations: checked.violations, by: raw.by })
        answer = { body: checked.text, cited: raw.cited }
      }
      const { decision, reply, escalation, escalated } = decide(company, retrieved, verdict, answer, now())
      const ticket = context.ticket_id
      const out: OutgoingEvent[] = [{ topic: Topics.agentDecisions, key: context.customer_id, value: decision }]
      if (escalation && escalated) {
        out.push({ topic: Topics.escalations, key: ticket, value: escalation })
        // Counted when decided: a redelivered event counts again, which a rate over minutes absorbs.
        metrics.escalations.inc({ reason: escalation.reason, channel: context.inbound.channel })
        out.push({ topic: Topics.ticketLifecycle, key: ticket, value: escalated })
      }
      out.push(replyEvent(reply))
      return out
    },
  })
}
