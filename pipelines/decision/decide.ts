import type {
  AgentDecision, EscalationRaised, KnowledgeRetrieved, ReplyRequested, TicketLifecycleChanged,
} from '../../schemas/index.js'
import { stableId } from '../../platform/ids.js'
import { matchEscalationRule } from './escalationPolicy.js'
import { escalationAcknowledgement, formatForChannel } from './compose.js'
import { moodOf } from './sentiment.js'
import { questionText } from '../../platform/text.js'
import { unnamedInPassage } from './answerability.js'
import type { CompanyProfile } from '../../platform/companyProfile.js'

export interface Verdict {
  /** Null: answer it. Otherwise why a human takes over. */
  reason: string | null
  priority: string
  sentiment: number
  category: string
}

export interface DecisionOutcome {
  decision: AgentDecision
  reply: ReplyRequested
  escalation: EscalationRaised | null
  escalated: TicketLifecycleChanged | null
}

export const questionOf = (r: KnowledgeRetrieved) => questionText(r.context.inbound)

/**
 * Whether the agent may answer: a policy rule (legal, refund, pricing, a human asked for), an
 * angry customer, or a knowledge base with nothing relevant after two searches (or a passage that
 * never names the thing the customer asks we have) hands it to a human.
 */
export function judge(retrieved: KnowledgeRetrieved, company: Pick<CompanyProfile, 'name'>): Verdict {
  const inbound = retrieved.context.inbound
  const { sentiment, upset } = moodOf(inbound.content)
  const question = questionOf(retrieved)
  const rule = matchEscalationRule(question, inbound.channel, company.name)
  const best = retrieved.hits[0]
  const unknown = !best || unnamedInPassage(question, best, company.name) !== null
  const reason = rule?.reason ?? (upset ? 'negative_sentiment' : unknown ? 'no_relevant_knowledge' : null)
  const priority = rule?.priority ?? (reason === 'negative_sentiment' ? 'high' : inbound.priority ?? 'medium')
  return { reason, priority, sentiment, category: inbound.category ?? best?.article_id.replace(/^kb-/, '').split('-')[0] ?? 'general' }
}

/**
 * The events for one message, given the verdict and (when answering) the answer body. Pure: ids
 * derive from the retrieved event, so a redelivery yields the same ids.
 */
export function decide(
  company: CompanyProfile,
  retrieved: KnowledgeRetrieved,
  verdict: Verdict,
  answer: { body: string; cited: string[] } | null,
  now: number,
): DecisionOutcome {
  const { context, hits } = retrieved
  const inbound = context.inbound
  const reason = verdict.reason ?? (answer?.body ? null : 'no_relevant_knowledge')
  const source = answer?.cited[0] ? hits.find((h) => h.article_id === answer.cited[0])?.title : undefined
  const replyText = reason
    ? escalationAcknowledgement(company, inbound.channel, inbound.sender.name, context.ticket_id)
    : formatForChannel(company, inbound.channel, inbound.sender.name, answer!.body, source)

  const decision: AgentDecision = {
    event_id: stableId('decision', retrieved.event_id),
    occurred_at: now,
    context,
    action: reason ? 'escalate' : 'reply',
    reply_text: replyText,
    sentiment: verdict.sentiment,
    category: verdict.category,
    priority: verdict.priority,
    reason,
    cited_article_ids: reason ? [] : answer!.cited,
  }
  const recipient =
    inbound.channel === 'email' ? inbound.sender.email : inbound.channel === 'whatsapp' ? inbound.sender.phone : context.ticket_id
  const reply: ReplyRequested = {
    event_id: stableId('reply', retrieved.event_id),
    occurred_at: now,
    reply_id: stableId('reply', retrieved.event_id),
    ticket_id: context.ticket_id,
    conversation_id: context.conversation_id,
    customer_id: context.customer_id,
    channel: inbound.channel,
    recipient: recipient ?? context.ticket_id,
    subject: inbound.subject ? (/^re:/i.test(inbound.subject) ? inbound.subject : `Re: ${inbound.subject}`) : null,
    content: replyText,
    in_reply_to: inbound.channel_message_id,
    thread_id: inbound.thread_id,
    inbound_occurred_at: inbound.occurred_at,
    recipient_email: inbound.sender.email,
    author: null,
  }
  if (!reason) return { decision, reply, escalation: null, escalated: null }
  return {
    decision,
    reply,
    escalation: {
      event_id: stableId('escalation', retrieved.event_id),
      occurred_at: now,
      context,
      reason,
      priority: verdict.priority,
      sentiment: verdict.sentiment,
      category: verdict.category,
      summary: `${inbound.channel} message from ${inbound.sender.name ?? inbound.sender.email ?? inbound.sender.phone ?? 'unknown'}: ${inbound.subject ? `${inbound.subject} - ` : ''}${inbound.content.slice(0, 280)}`,
      knowledge_considered: hits,
    },
    escalated: {
      event_id: stableId('ticket-escalated', retrieved.event_id),
      occurred_at: now,
      ticket_id: context.ticket_id,
      conversation_id: context.conversation_id,
      customer_id: context.customer_id,
      channel: inbound.channel,
      status: 'escalated',
      reason,
    },
  }
}
