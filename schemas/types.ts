/**
 * Shared Avro building blocks. Event schemas compose these; `namedOnce` then turns every
 * repeated named type into a reference, as Avro requires a name to be defined only once.
 */
export const NAMESPACE = 'fte.events'

export type AvroSchema = Record<string, unknown>

export const nullable = (type: unknown, doc?: string) => ({ type: ['null', type], default: null, ...(doc ? { doc } : {}) })

export const Channel = {
  type: 'enum',
  name: 'Channel',
  symbols: ['email', 'whatsapp', 'web_form'],
}

export const Sender = {
  type: 'record',
  name: 'Sender',
  fields: [
    { name: 'name', ...nullable('string') },
    { name: 'email', ...nullable('string') },
    { name: 'phone', ...nullable('string', 'E.164') },
    {
      name: 'verified',
      type: 'boolean',
      default: false,
      doc: 'The channel proved the address it gives: a Twilio-signed WhatsApp number, or a Gmail sender whose DKIM or SPF passed for its domain. Web-form fields are only claimed.',
    },
  ],
}

export const InboundMessage = {
  type: 'record',
  name: 'InboundMessage',
  doc: 'A customer message as it arrived on a channel, before any processing.',
  fields: [
    { name: 'event_id', type: 'string', doc: 'Derived from channel + channel_message_id, so a redelivered message has the same id' },
    { name: 'occurred_at', type: 'long', doc: 'epoch milliseconds' },
    { name: 'channel', type: Channel },
    { name: 'channel_message_id', type: 'string', doc: 'Gmail message id, Twilio MessageSid, or the web form submission id' },
    { name: 'ticket_id', ...nullable('string', 'Set when the channel assigns the ticket up front (web form)') },
    { name: 'sender', type: Sender },
    { name: 'subject', ...nullable('string') },
    { name: 'category', ...nullable('string') },
    { name: 'priority', ...nullable('string') },
    { name: 'content', type: 'string' },
    { name: 'thread_id', ...nullable('string', 'Provider thread (Gmail threadId)') },
    {
      name: 'follow_up_of',
      ...nullable('string', 'Web form: the ticket this message adds to. The sender opened its link and gave its address; a resolved ticket is followed by a new one, linked to it'),
    },
  ],
}

export const Identifier = {
  type: 'record',
  name: 'Identifier',
  fields: [
    { name: 'kind', type: { type: 'enum', name: 'IdentifierKind', symbols: ['email', 'phone'] } },
    { name: 'value', type: 'string' },
  ],
}

export const TicketContext = {
  type: 'record',
  name: 'TicketContext',
  doc: 'What every stage after identity knows about the message it is working on.',
  fields: [
    { name: 'ticket_id', type: 'string' },
    { name: 'conversation_id', type: 'string' },
    { name: 'customer_id', type: 'string' },
    { name: 'inbound', type: InboundMessage },
  ],
}

export const KnowledgeHit = {
  type: 'record',
  name: 'KnowledgeHit',
  fields: [
    { name: 'article_id', type: 'string' },
    { name: 'chunk_id', type: 'string' },
    { name: 'title', type: 'string' },
    { name: 'content', type: 'string' },
    { name: 'score', type: 'double' },
    { name: 'similarity', ...nullable('double', "the article's cosine similarity to the query: its best chunk's, or its best authored question's when higher (null: found by full text alone)") },
  ],
}

export const TicketStatus = {
  type: 'enum',
  name: 'TicketStatus',
  symbols: ['received', 'open', 'processing', 'responded', 'escalated', 'resolved', 'closed'],
}

export const DeliveryStatus = {
  type: 'enum',
  name: 'DeliveryStatus',
  doc: 'recorded = accepted by an offline channel that records instead of sending; needs_template = WhatsApp reply outside the 24-hour window, held for a template or a human',
  symbols: ['queued', 'sent', 'delivered', 'read', 'failed', 'undelivered', 'recorded', 'needs_template'],
}

/** Replaces the second and later definitions of each named type with a reference to it. */
export function namedOnce(schema: AvroSchema): AvroSchema {
  const seen = new Set<string>()
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk)
    if (node === null || typeof node !== 'object') return node
    const obj = node as Record<string, unknown>
    const isNamed = ['record', 'enum', 'fixed'].includes(obj.type as string) && typeof obj.name === 'string'
    if (isNamed) {
      const full = (obj.name as string).includes('.') ? (obj.name as string) : `${NAMESPACE}.${obj.name as string}`
      if (seen.has(full)) return full
      seen.add(full)
    }
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(obj)) out[k] = k === 'default' ? v : walk(v)
    return out
  }
  return walk(schema) as AvroSchema
}
