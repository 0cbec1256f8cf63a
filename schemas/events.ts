import {
  NAMESPACE, nullable, namedOnce, Channel, Identifier, InboundMessage, KnowledgeHit,
  TicketContext, TicketStatus, DeliveryStatus, type AvroSchema,
} from './types.js'

/**
 * The event contracts. Each topic carries exactly one of these (subject `<topic>-value`,
 * compatibility BACKWARD): add fields with defaults, never remove or retype one.
 */
const event = (name: string, doc: string, fields: unknown[]): AvroSchema =>
  namedOnce({
    type: 'record',
    name,
    namespace: NAMESPACE,
    doc,
    fields: [
      { name: 'event_id', type: 'string' },
      { name: 'occurred_at', type: 'long', doc: 'epoch milliseconds' },
      ...fields,
    ],
  })

export const InboundMessageReceived = namedOnce({ ...InboundMessage, namespace: NAMESPACE })

export const CustomerIdentified = event('CustomerIdentified', 'Identity resolved: who wrote, and which ticket and conversation this message belongs to.', [
  { name: 'context', type: TicketContext },
  { name: 'is_new_customer', type: 'boolean' },
  { name: 'is_new_ticket', type: 'boolean' },
  { name: 'customer_name', ...nullable('string') },
  { name: 'identifiers', type: { type: 'array', items: Identifier } },
  { name: 'merged_customer_ids', type: { type: 'array', items: 'string' }, default: [], doc: 'no longer set: customers are merged only by a person (CustomersMerged)' },
  { name: 'continued', type: 'boolean', default: false, doc: 'the message continues an open conversation (any channel) instead of opening one' },
  { name: 'verified_identifiers', type: { type: 'array', items: Identifier }, default: [], doc: 'identifiers whose link to customer_id this message proved (the rest of identifiers are claimed)' },
])

export const CustomersMerged = event('CustomersMerged', 'Customers found to be one person; every read model re-points them to the survivor.', [
  { name: 'survivor_id', type: 'string' },
  { name: 'merged_ids', type: { type: 'array', items: 'string' } },
  { name: 'identifiers', type: { type: 'array', items: Identifier } },
  { name: 'reason', type: 'string' },
  { name: 'merged_by', ...nullable('string', 'the staff member who confirmed the merge') },
])

export const CustomerLinkChanged = event('CustomerLinkChanged', 'Two customers who may be one person: suggested by identity, dismissed by a person (a confirmed one is a CustomersMerged).', [
  { name: 'suggestion_id', type: 'string', doc: 'derived from the pair, so the same pair is one suggestion' },
  { name: 'customer_ids', type: { type: 'array', items: 'string' }, doc: 'the two customers, the one the message was attributed to first' },
  { name: 'identifiers', type: { type: 'array', items: Identifier }, doc: 'the identifiers that linked them' },
  { name: 'reason', type: 'string' },
  { name: 'state', type: { type: 'enum', name: 'LinkState', symbols: ['suggested', 'dismissed'] } },
  { name: 'staff_email', ...nullable('string', 'dismissed: who dismissed it') },
])

export const KnowledgeRetrieved = event('KnowledgeRetrieved', 'Knowledge-base passages found for the message, best first.', [
  { name: 'context', type: TicketContext },
  { name: 'query', type: 'string' },
  { name: 'hits', type: { type: 'array', items: KnowledgeHit } },
  { name: 'searches', type: 'int', default: 1 },
])

export const AgentDecision = event('AgentDecision', 'What the agent decided to do with the message.', [
  { name: 'context', type: TicketContext },
  { name: 'action', type: { type: 'enum', name: 'AgentAction', symbols: ['reply', 'escalate'] } },
  { name: 'reply_text', type: 'string' },
  { name: 'sentiment', type: 'double', doc: '0 (very negative) .. 1 (very positive)' },
  { name: 'category', type: 'string' },
  { name: 'priority', type: 'string' },
  { name: 'reason', ...nullable('string', 'Escalation reason when action = escalate') },
  { name: 'cited_article_ids', type: { type: 'array', items: 'string' } },
])

export const ReplyRequested = event('ReplyRequested', 'A reply to send to the customer on a channel.', [
  { name: 'reply_id', type: 'string' },
  { name: 'ticket_id', type: 'string' },
  { name: 'conversation_id', type: 'string' },
  { name: 'customer_id', type: 'string' },
  { name: 'channel', type: Channel },
  { name: 'recipient', type: 'string', doc: 'email address, E.164 number, or ticket id for the web status page' },
  { name: 'subject', ...nullable('string') },
  { name: 'content', type: 'string' },
  { name: 'in_reply_to', ...nullable('string', 'channel message id being answered') },
  { name: 'thread_id', ...nullable('string') },
  { name: 'inbound_occurred_at', type: 'long', doc: 'when the answered message arrived (for end-to-end latency)' },
  { name: 'recipient_email', ...nullable('string', "the customer's email, for channels that also copy the reply by email (web form)") },
  { name: 'author', ...nullable('string', 'the staff member who wrote the reply; null when the agent did') },
])

export const ReplyStatusChanged = event('ReplyStatusChanged', 'Delivery state of a reply, from the dispatcher or a provider callback.', [
  { name: 'reply_id', type: 'string' },
  { name: 'ticket_id', type: 'string' },
  { name: 'channel', type: Channel },
  { name: 'status', type: DeliveryStatus },
  { name: 'provider_message_id', ...nullable('string') },
  { name: 'error', ...nullable('string') },
])

export const TicketLifecycleChanged = event('TicketLifecycleChanged', 'A ticket moved to a new status.', [
  { name: 'ticket_id', type: 'string' },
  { name: 'conversation_id', ...nullable('string') },
  { name: 'customer_id', ...nullable('string') },
  { name: 'channel', type: Channel },
  { name: 'status', type: TicketStatus },
  { name: 'reason', ...nullable('string') },
])

export const EscalationRaised = event('EscalationRaised', 'Handed to a human, with everything they need.', [
  { name: 'context', type: TicketContext },
  { name: 'reason', type: 'string' },
  { name: 'priority', type: 'string' },
  { name: 'sentiment', type: 'double' },
  { name: 'category', type: 'string' },
  { name: 'summary', type: 'string' },
  { name: 'knowledge_considered', type: { type: 'array', items: KnowledgeHit } },
])

export const KnowledgeArticlePublished = event('KnowledgeArticlePublished', 'A knowledge-base article, new or revised.', [
  { name: 'article_id', type: 'string' },
  { name: 'version', type: 'int' },
  { name: 'title', type: 'string' },
  { name: 'category', type: 'string' },
  { name: 'body', type: 'string' },
  { name: 'source', type: 'string', default: 'dossier', doc: 'dossier | resolved_ticket | admin' },
  { name: 'source_ticket_id', ...nullable('string', 'resolved_ticket: the ticket whose answer this article was approved from') },
  { name: 'candidate_id', ...nullable('string', 'resolved_ticket: the knowledge candidate it was approved as') },
  { name: 'questions', type: { type: 'array', items: 'string' }, default: [], doc: 'the questions the article answers, as its author wrote them; searched beside its passages' },
])

export const KnowledgeCandidateChanged = event('KnowledgeCandidateChanged', "A person's answer offered as knowledge: proposed on resolving a ticket, then approved or rejected by an admin.", [
  { name: 'candidate_id', type: 'string' },
  { name: 'state', type: { type: 'enum', name: 'CandidateState', symbols: ['proposed', 'approved', 'rejected'] } },
  { name: 'ticket_id', type: 'string', doc: 'the resolved ticket the answer came from' },
  { name: 'title', type: 'string', doc: 'approved: as published (an admin may have edited it)' },
  { name: 'body', type: 'string' },
  { name: 'category', type: 'string' },
  { name: 'staff_email', type: 'string', doc: 'who proposed, approved or rejected it' },
  { name: 'staff_name', type: 'string' },
  { name: 'article_id', ...nullable('string', 'approved: the knowledge-base article it became') },
  { name: 'note', ...nullable('string', 'rejected: why, for the person who proposed it') },
])

export const StaffActionTaken = event('StaffActionTaken', 'Something a staff member did to a ticket, naming who did it.', [
  { name: 'action', type: { type: 'enum', name: 'StaffAction', symbols: ['assigned', 'note_added', 'replied', 'resolved', 'reopened'] } },
  { name: 'ticket_id', type: 'string' },
  { name: 'staff_email', type: 'string' },
  { name: 'staff_name', type: 'string' },
  { name: 'assignee', ...nullable('string', 'assigned: the staff member now working the ticket') },
  { name: 'note', ...nullable('string', 'note_added, resolved: a private note, never sent to the customer') },
  { name: 'reply_id', ...nullable('string', 'replied, resolved: the reply sent with the action (a ReplyRequested with this id)') },
  { name: 'reusable_answer_title', ...nullable('string', 'resolved: the answer offered as knowledge, for an admin to approve') },
  { name: 'reusable_answer_body', ...nullable('string') },
  {
    name: 'seen_through',
    ...nullable('long', 'resolved: the latest customer message on the ticket when the person resolved it (epoch ms); a later one reopens the ticket'),
  },
])

export const MetricRecorded = event('MetricRecorded', 'A business metric sample (latency, escalation) for the metrics topic.', [
  { name: 'name', type: 'string' },
  { name: 'value', type: 'double' },
  { name: 'channel', ...nullable(Channel) },
  { name: 'labels', type: { type: 'map', values: 'string' }, default: {} },
])

export const DeadLetter = event('DeadLetter', 'An event a consumer could not process, kept whole so it can be replayed.', [
  { name: 'source_topic', type: 'string' },
  { name: 'source_partition', type: 'int' },
  { name: 'source_offset', type: 'string' },
  { name: 'group_id', type: 'string' },
  { name: 'key', ...nullable('string') },
  { name: 'error', type: 'string' },
  { name: 'attempts', type: 'int' },
  { name: 'original_value', type: 'bytes' },
  { name: 'original_headers', type: { type: 'map', values: 'string' }, default: {} },
])
