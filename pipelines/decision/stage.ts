import { Topics, outboundTopic, type Channel } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'
import type { Logger } from '../../platform/log.js'
import { defineStage } from '../../platform/stage.js'
import type { OutgoingEvent } from '../../platform/transport/contract.js'
import { identifiersOf } from '../../platform/identifiers.js'
import { decide, judge, questionOf } from './decide.js'
import { applyGuardrails } from './guardrails.js'
import type { Responder } from './responder.js'

/** The conversation so far (any channel), from the messages read model: what the agent "remembers". */
async function historyOf(db: Queryable, conversationId: string, currentMessageId: string) {
  const rows = (
    await db.query<{ direction: 'inbound' | 'outbound'; channel: Channel; content: string }>(
      `SELECT direction, channel, content FROM messages WHERE conversation_id = $1 AND id <> $2 ORDER BY created_at DESC LIMIT 10`,
      [conversationId, currentMessageId],
    )
  ).rows
  return rows.reverse()
}

export function decisionStage(db: Queryable, responder: Responder, log: Logger){
  return defineStage({
    name: 'decision',
    topics: [Topics.knowledgeRetrieved],
    async handle(event) {
      const retrieved = event.value
      const { context } = retrieved
      const verdict = judge(retrieved)
      let answer: { body: string; cited: string[] } | null = null
      if (!verdict.reason) {
        const raw = await responder.answer({
          question: questionOf(retrieved),
          channel: context.inbound.channel,
          customerName: context.inbound.sender.name,
          hits: retrieved.hits,
          history: await historyOf(db, context.conversation_id, context.inbound.event_id),
        })
        const checked = applyGuardrails(raw.body, { hits: retrieved.hits, customerIdentifiers: identifiersOf(context.inbound.sender) })
        if (checked.violations.length) log.warn('guardrails removed text from an answer', { ticket_id: context.ticket_id, violations: checked.violations, by: raw.by })
        answer = { body: checked.text, cited: raw.cited }
      }
      const { decision, reply, escalation, escalated } = decide(retrieved, verdict, answer, Date.now())
      const ticket = context.ticket_id
      const out: OutgoingEvent[] = [{ topic: Topics.agentDecisions, key: context.customer_id, value: decision }]
      if (escalation && escalated) {
        out.push({ topic: Topics.escalations, key: ticket, value: escalation })
        out.push({ topic: Topics.ticketLifecycle, key: ticket, value: escalated })
      }
      // The headers survive into a dead letter, so a send that finally fails can be shown on the ticket.
      out.push({ topic: outboundTopic[reply.channel], key: ticket, value: reply, headers: { 'x-fte-reply-id': reply.reply_id, 'x-fte-ticket-id': ticket } })
      return out
    },
  })
}
