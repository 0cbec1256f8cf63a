import { outboundTopic, type ReplyRequested } from '../schemas/index.js'
import type { OutgoingEvent } from './transport/contract.js'

/** Kept on a dead letter with the original bytes: the messages projection shows a failed send by it. */
export const REPLY_ID_HEADER = 'x-fte-reply-id'

/** A reply to send, on its channel's outbound topic, keyed by ticket, whoever wrote it (agent or person). */
export const replyEvent = (reply: ReplyRequested): OutgoingEvent => ({
  topic: outboundTopic[reply.channel],
  key: reply.ticket_id,
  value: reply,
  headers: { [REPLY_ID_HEADER]: reply.reply_id, 'x-fte-ticket-id': reply.ticket_id },
})
