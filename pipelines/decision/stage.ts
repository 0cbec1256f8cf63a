import { Topics, outboundTopic, type KnowledgeRetrieved } from '../../schemas/index.js'
import type { Stage } from '../../platform/stage.js'
import type { OutgoingEvent } from '../../platform/transport/contract.js'
import { decide } from './decide.js'

export function decisionStage(): Stage {
  return {
    name: 'decision',
    topics: [Topics.knowledgeRetrieved],
    async handle(event) {
      const retrieved = event.value as KnowledgeRetrieved
      const { decision, reply, escalation, escalated } = decide(retrieved, Date.now())
      const ticket = retrieved.context.ticket_id
      const out: OutgoingEvent[] = [{ topic: Topics.agentDecisions, key: retrieved.context.customer_id, value: decision }]
      if (escalation && escalated) {
        out.push({ topic: Topics.escalations, key: ticket, value: escalation })
        out.push({ topic: Topics.ticketLifecycle, key: ticket, value: escalated })
      }
      out.push({ topic: outboundTopic[reply.channel], key: ticket, value: reply })
      return out
    },
  }
}
