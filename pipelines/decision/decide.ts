import type {
  AgentDecision, EscalationRaised, KnowledgeRetrieved, ReplyRequested, TicketLifecycleChanged,
} from '../../schemas/index.js'
import { stableId } from '../../platform/ids.js'
import { matchEscalationRule, NEGATIVE_SENTIMENT_THRESHOLD } from './escalationPolicy.js'
import { escalationAcknowledgement, formatForChannel, groundedAnswer } from './compose.js'
import { sentimentOf } from './sentiment.js'

export interface DecisionOutcome {
  decision: AgentDecision
  reply: ReplyRequested
  escalation: EscalationRaised | null
  escalated: TicketLifecycleChanged | null
}

/**
 * The agent's judgement for one message: escalate when a policy rule fires, the customer is
 * angry, or the knowledge base has nothing relevant; otherwise answer from the best passage.
 * Pure: the same retrieved event always yields the same events (and ids).
 */
export function decide(retrieved: KnowledgeRetrieved, now: number): DecisionOutcome {
  const { context, hits } = retrieved
  const inbound = context.inbound
  const text = [inbound.subject, inbound.content].filter(Boolean).join('\n')
  const sentiment = sentimentOf(inbound.content)
  const rule = matchEscalationRule(text, inbound.channel)
  const reason = rule?.reason ?? (sentiment < NEGATIVE_SENTIMENT_THRESHOLD ? 'negative_sentiment' : hits.length === 0 ? 'no_relevant_knowledge' : null)
  const priority = rule?.priority ?? (reason === 'negative_sentiment' ? 'high' : inbound.priority ?? 'medium')
  const category = inbound.category ?? 'general'
  const best = hits[0]

  const replyText =
    reason || !best
      ? escalationAcknowledgement(inbound.channel, inbound.sender.name, context.ticket_id)
      : formatForChannel(inbound.channel, inbound.sender.name, groundedAnswer(text, best), best.title)

  const decision: AgentDecision = {
    event_id: stableId('decision', retrieved.event_id),
    occurred_at: now,
    context,
    action: reason ? 'escalate' : 'reply',
    reply_text: replyText,
    sentiment,
    category,
    priority,
    reason,
    cited_article_ids: reason || !best ? [] : [best.article_id],
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
      priority,
      sentiment,
      category,
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
