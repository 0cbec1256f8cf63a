import type { CustomerIdentified, InboundMessage, TicketLifecycleChanged } from '../../schemas/index.js'
import { PermanentError } from '../../platform/transport/contract.js'
import { stableId } from '../../platform/ids.js'
import { identifiersOf } from './normalize.js'

/** The web form names its ticket up front; other channels get one derived from the message. */
export const ticketIdFor = (inbound: InboundMessage) => inbound.ticket_id ?? stableId('ticket', inbound.event_id)

/**
 * Who wrote this message, and which ticket it belongs to. A known identifier wins; otherwise the
 * customer id is derived from the identifier itself, so two first messages from the same new
 * person (even processed at once, by two pods) name the same customer.
 */
export function resolveIdentity(
  inbound: InboundMessage,
  knownCustomerId: string | null,
  now: number,
): { identified: CustomerIdentified; opened: TicketLifecycleChanged } {
  const identifiers = identifiersOf(inbound.sender)
  const primary = identifiers[0]
  if (!primary) throw new PermanentError(`message ${inbound.event_id} carries no usable email or phone`)
  const customerId = knownCustomerId ?? stableId('customer', primary.kind, primary.value)
  const ticketId = ticketIdFor(inbound)
  const conversationId = stableId('conversation', ticketId)
  return {
    identified: {
      event_id: stableId('identified', inbound.event_id),
      occurred_at: now,
      context: { ticket_id: ticketId, conversation_id: conversationId, customer_id: customerId, inbound },
      is_new_customer: knownCustomerId === null,
      is_new_ticket: true,
      customer_name: inbound.sender.name,
      identifiers,
    },
    opened: {
      event_id: stableId('ticket-opened', ticketId),
      occurred_at: now,
      ticket_id: ticketId,
      conversation_id: conversationId,
      customer_id: customerId,
      channel: inbound.channel,
      status: 'open',
      reason: null,
    },
  }
}
