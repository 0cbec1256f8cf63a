import { Topics, type Topic } from '../../schemas/index.js'

/**
 * How long each topic keeps its events. The read models are projections of the log, and
 * `fte rebuild` replays it from the first event, so a topic that forgot its old events would
 * make every rebuild lose them. Each topic says so on its own line: a topic whose events no
 * read model needs could be given a limit here, and the app and k8s/ would both follow.
 */
export const TOPIC_RETENTION: Record<Topic, { keep: 'forever'; why: string }> = {
  [Topics.ticketsIncoming]: { keep: 'forever', why: 'messages, tickets' },
  [Topics.customersIdentified]: { keep: 'forever', why: 'customers, messages, tickets' },
  [Topics.customersMerged]: { keep: 'forever', why: 'customers, messages, tickets' },
  [Topics.customerLinks]: { keep: 'forever', why: 'customers (link suggestions)' },
  [Topics.knowledgeRetrieved]: { keep: 'forever', why: 'the audit of what the agent read' },
  [Topics.agentDecisions]: { keep: 'forever', why: 'messages (sentiment)' },
  [Topics.emailOutbound]: { keep: 'forever', why: 'messages' },
  [Topics.whatsappOutbound]: { keep: 'forever', why: 'messages' },
  [Topics.webformOutbound]: { keep: 'forever', why: 'messages' },
  [Topics.replyStatus]: { keep: 'forever', why: 'messages (delivery), tickets' },
  [Topics.ticketLifecycle]: { keep: 'forever', why: 'tickets' },
  [Topics.escalations]: { keep: 'forever', why: 'tickets, escalations' },
  [Topics.knowledgeArticles]: { keep: 'forever', why: 'knowledge_base' },
  [Topics.knowledgeCandidates]: { keep: 'forever', why: 'knowledge_candidates' },
  [Topics.staffActions]: { keep: 'forever', why: 'tickets, notes' },
  [Topics.metrics]: { keep: 'forever', why: 'reply_metrics (response times)' },
  [Topics.dlq]: { keep: 'forever', why: 'dead_letters, and replay' },
}

/** The Kafka topic configuration that says it: -1 is "no limit" for both time and size. */
export function topicConfig(topic: Topic): Record<string, string> {
  const keep = TOPIC_RETENTION[topic].keep
  return keep === 'forever' ? { 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' } : {}
}
