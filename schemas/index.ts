import * as S from './events.js'
import type { AvroSchema } from './types.js'

/**
 * Topic names (logical; FTE_TOPIC_PREFIX is prepended on the wire). Every channel's gateway writes
 * fte.tickets.incoming: the channel is a field of the message, and every stage treats messages of
 * all channels alike, so per-channel inbound topics would be copies nobody reads.
 */
export const Topics = {
  ticketsIncoming: 'fte.tickets.incoming',
  customersIdentified: 'fte.customers.identified',
  customersMerged: 'fte.customers.merged',
  customerLinks: 'fte.customers.links',
  knowledgeRetrieved: 'fte.knowledge.retrieved',
  agentDecisions: 'fte.agent.decisions',
  emailOutbound: 'fte.channels.email.outbound',
  whatsappOutbound: 'fte.channels.whatsapp.outbound',
  webformOutbound: 'fte.channels.webform.outbound',
  replyStatus: 'fte.replies.status',
  ticketLifecycle: 'fte.tickets.lifecycle',
  escalations: 'fte.escalations',
  knowledgeArticles: 'fte.knowledge.articles',
  knowledgeCandidates: 'fte.knowledge.candidates',
  staffActions: 'fte.staff.actions',
  metrics: 'fte.metrics',
  dlq: 'fte.dlq',
} as const
export type Topic = (typeof Topics)[keyof typeof Topics]

const TOPIC_NAMES: ReadonlySet<string> = new Set(Object.values(Topics))
export const isTopic = (name: string): name is Topic => TOPIC_NAMES.has(name)

/** The one schema each topic carries. */
export const topicSchemas: Record<Topic, AvroSchema> = {
  [Topics.ticketsIncoming]: S.InboundMessageReceived,
  [Topics.customersIdentified]: S.CustomerIdentified,
  [Topics.customersMerged]: S.CustomersMerged,
  [Topics.customerLinks]: S.CustomerLinkChanged,
  [Topics.knowledgeRetrieved]: S.KnowledgeRetrieved,
  [Topics.agentDecisions]: S.AgentDecision,
  [Topics.emailOutbound]: S.ReplyRequested,
  [Topics.whatsappOutbound]: S.ReplyRequested,
  [Topics.webformOutbound]: S.ReplyRequested,
  [Topics.replyStatus]: S.ReplyStatusChanged,
  [Topics.ticketLifecycle]: S.TicketLifecycleChanged,
  [Topics.escalations]: S.EscalationRaised,
  [Topics.knowledgeArticles]: S.KnowledgeArticlePublished,
  [Topics.knowledgeCandidates]: S.KnowledgeCandidateChanged,
  [Topics.staffActions]: S.StaffActionTaken,
  [Topics.metrics]: S.MetricRecorded,
  [Topics.dlq]: S.DeadLetter,
}

export const outboundTopic = { email: Topics.emailOutbound, whatsapp: Topics.whatsappOutbound, web_form: Topics.webformOutbound } as const

/**
 * The payload each topic carries, as TypeScript sees it: the typed twin of topicSchemas. Stages,
 * projections and the transport take events by topic through this map, so a handler switching on
 * the topic gets the right payload type and the compiler checks every case.
 */
export interface TopicEvents {
  [Topics.ticketsIncoming]: InboundMessage
  [Topics.customersIdentified]: CustomerIdentified
  [Topics.customersMerged]: CustomersMerged
  [Topics.customerLinks]: CustomerLinkChanged
  [Topics.knowledgeRetrieved]: KnowledgeRetrieved
  [Topics.agentDecisions]: AgentDecision
  [Topics.emailOutbound]: ReplyRequested
  [Topics.whatsappOutbound]: ReplyRequested
  [Topics.webformOutbound]: ReplyRequested
  [Topics.replyStatus]: ReplyStatusChanged
  [Topics.ticketLifecycle]: TicketLifecycleChanged
  [Topics.escalations]: EscalationRaised
  [Topics.knowledgeArticles]: KnowledgeArticlePublished
  [Topics.knowledgeCandidates]: KnowledgeCandidateChanged
  [Topics.staffActions]: StaffActionTaken
  [Topics.metrics]: MetricRecorded
  [Topics.dlq]: DeadLetter
}

// TypeScript views of the Avro records above (nullable unions are plain `T | null`).
export type Channel = 'email' | 'whatsapp' | 'web_form'
export type TicketStatus = 'received' | 'open' | 'processing' | 'responded' | 'escalated' | 'resolved' | 'closed'
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered' | 'recorded' | 'needs_template'

interface EventBase {
  event_id: string
  occurred_at: number
}
export interface Sender {
  name: string | null
  email: string | null
  phone: string | null
  /** Absent when a producer predates it; decoded events always carry it (default false). */
  verified?: boolean
}
export interface InboundMessage extends EventBase {
  channel: Channel
  channel_message_id: string
  ticket_id: string | null
  sender: Sender
  subject: string | null
  category: string | null
  priority: string | null
  content: string
  thread_id: string | null
  /** Absent when a producer predates it; decoded events always carry it (default null). */
  follow_up_of?: string | null
}
export interface Identifier {
  kind: 'email' | 'phone'
  value: string
}
export interface TicketContext {
  ticket_id: string
  conversation_id: string
  customer_id: string
  inbound: InboundMessage
}
export interface KnowledgeHit {
  article_id: string
  chunk_id: string
  title: string
  content: string
  score: number
  /** Absent when a producer predates it; decoded events carry it (default null). */
  similarity?: number | null
}
export interface CustomerIdentified extends EventBase {
  context: TicketContext
  is_new_customer: boolean
  is_new_ticket: boolean
  customer_name: string | null
  identifiers: Identifier[]
  merged_customer_ids: string[]
  continued: boolean
  verified_identifiers: Identifier[]
}
export interface CustomersMerged extends EventBase {
  survivor_id: string
  merged_ids: string[]
  identifiers: Identifier[]
  reason: string
  merged_by: string | null
}
export interface CustomerLinkChanged extends EventBase {
  suggestion_id: string
  customer_ids: string[]
  identifiers: Identifier[]
  reason: string
  state: 'suggested' | 'dismissed'
  staff_email: string | null
}
export interface KnowledgeRetrieved extends EventBase {
  context: TicketContext
  query: string
  hits: KnowledgeHit[]
  searches: number
}
export interface AgentDecision extends EventBase {
  context: TicketContext
  action: 'reply' | 'escalate'
  reply_text: string
  sentiment: number
  category: string
  priority: string
  reason: string | null
  cited_article_ids: string[]
}
export interface ReplyRequested extends EventBase {
  reply_id: string
  ticket_id: string
  conversation_id: string
  customer_id: string
  channel: Channel
  recipient: string
  subject: string | null
  content: string
  in_reply_to: string | null
  thread_id: string | null
  inbound_occurred_at: number
  recipient_email: string | null
  author: string | null
}
export interface ReplyStatusChanged extends EventBase {
  reply_id: string
  ticket_id: string
  channel: Channel
  status: DeliveryStatus
  provider_message_id: string | null
  error: string | null
}
export interface TicketLifecycleChanged extends EventBase {
  ticket_id: string
  conversation_id: string | null
  customer_id: string | null
  channel: Channel
  status: TicketStatus
  reason: string | null
}
export interface EscalationRaised extends EventBase {
  context: TicketContext
  reason: string
  priority: string
  sentiment: number
  category: string
  summary: string
  knowledge_considered: KnowledgeHit[]
}
export interface KnowledgeArticlePublished extends EventBase {
  article_id: string
  version: number
  title: string
  category: string
  body: string
  source: string
  /** Absent when a producer predates them; decoded events carry them (default null). */
  source_ticket_id?: string | null
  candidate_id?: string | null
  /** The questions the article answers, as its author wrote them. Absent from older producers; decoded events carry [] then. */
  questions?: string[]
}
export interface KnowledgeCandidateChanged extends EventBase {
  candidate_id: string
  state: 'proposed' | 'approved' | 'rejected'
  ticket_id: string
  title: string
  body: string
  category: string
  staff_email: string
  staff_name: string
  article_id: string | null
  note: string | null
}
export interface StaffActionTaken extends EventBase {
  action: 'assigned' | 'note_added' | 'replied' | 'resolved' | 'reopened'
  ticket_id: string
  staff_email: string
  staff_name: string
  assignee: string | null
  note: string | null
  reply_id: string | null
  reusable_answer_title: string | null
  reusable_answer_body: string | null
  seen_through: number | null
}
export interface MetricRecorded extends EventBase {
  name: string
  value: number
  channel: Channel | null
  labels: Record<string, string>
}
export interface DeadLetter extends EventBase {
  source_topic: string
  source_partition: number
  source_offset: string
  group_id: string
  key: string | null
  error: string
  attempts: number
  original_value: Buffer
  original_headers: Record<string, string>
}
