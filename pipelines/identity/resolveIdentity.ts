import type { CustomerIdentified, CustomersMerged, Identifier, InboundMessage, TicketLifecycleChanged } from '../../schemas/index.js'
import { PermanentError } from '../../platform/transport/contract.js'
import { stableId } from '../../platform/ids.js'
import { identifiersOf } from '../../platform/identifiers.js'
import { statedIdentifiers } from './statedIdentifiers.js'

/** A message continues the customer's conversation if their last message was this recent. */
export const CONVERSATION_WINDOW_MS = 24 * 60 * 60 * 1000

/** The web form names its ticket up front; other channels get one derived from the message. */
export const ticketIdFor = (inbound: InboundMessage) => inbound.ticket_id ?? stableId('ticket', inbound.event_id)

/** A new person's id, derived from their first identifier so that concurrent first messages agree. */
export const candidateCustomerId = (primary: Identifier) => stableId('customer', primary.kind, primary.value)

/** What the identity stage knows before deciding: who owns the identifiers, and the open conversation. */
export interface IdentityFacts {
  /**
   * Owners of any of the message's identifiers, oldest claim first. The stage claims the
   * channel-given identifiers before deciding, so they always have an owner here.
   */
  owners: { customer_id: string; claimed_at: number; kinds: Identifier[] }[]
  /** This message's claim created the customer (nobody owned any of its identifiers before). */
  newCustomer: boolean
  /** The customer's current conversation, if any (after merges: the survivor's). */
  head: { conversation_id: string; ticket_id: string; thread_id: string | null; last_message_at: number; ticket_closed: boolean; opened_by: string | null } | null
}

export interface IdentityDecision {
  identified: CustomerIdentified
  opened: TicketLifecycleChanged | null
  merged: CustomersMerged | null
  /** Identifiers to claim for the customer (channel-given and stated ones not owned yet). */
  claim: Identifier[]
}

const key = (i: Identifier) => `${i.kind}:${i.value}`

/**
 * Who wrote this message and which conversation it belongs to.
 * - Identifiers the channel gives (sender email, phone) are the person; when they belong to
 *   different customers, those customers are one person: the oldest survives, the rest merge in.
 * - Identifiers the customer states in the text ("my email is ...") attach this sender to the
 *   customer that owns them, but never merge two existing customers: a stranger's claim must not
 *   pull someone else's history together.
 * - A new person's id derives from their first identifier, so concurrent first messages agree.
 * - The web form always opens a conversation (its ticket id is promised to the customer at
 *   once); email and WhatsApp continue the open conversation when the last message was within
 *   CONVERSATION_WINDOW_MS or the email is in the same thread, on whatever channel it was.
 */
export function resolveIdentity(inbound: InboundMessage, facts: IdentityFacts, now: number): IdentityDecision {
  const given = identifiersOf(inbound.sender)
  const primary = given[0]
  if (!primary) throw new PermanentError(`message ${inbound.event_id} carries no usable email or phone`)
  const givenKeys = new Set(given.map(key))
  const stated = statedIdentifiers(inbound.content).filter((i) => !givenKeys.has(key(i)))

  const ownersOfGiven = facts.owners.filter((o) => o.kinds.some((k) => givenKeys.has(key(k))))
  const ownersOfStated = facts.owners.filter((o) => !ownersOfGiven.includes(o))
  let customerId: string
  let mergedIds: string[] = []
  if (ownersOfGiven.length) {
    customerId = ownersOfGiven[0]!.customer_id
    mergedIds = ownersOfGiven.slice(1).map((o) => o.customer_id).filter((id) => id !== customerId)
  } else if (ownersOfStated.length) {
    customerId = ownersOfStated[0]!.customer_id
  } else {
    customerId = candidateCustomerId(primary)
  }
  const ownerOf = new Map(facts.owners.flatMap((o) => o.kinds.map((k) => [key(k), o.customer_id] as const)))
  // Stated identifiers owned by someone else stay theirs; unowned ones become this customer's.
  const claim = [...given, ...stated].filter((i) => !ownerOf.has(key(i)))
  const identifiers = [...given, ...stated.filter((i) => (ownerOf.get(key(i)) ?? customerId) === customerId)]

  const head = facts.head
  const continues =
    inbound.channel !== 'web_form' &&
    head !== null &&
    !head.ticket_closed &&
    head.opened_by !== inbound.event_id && // a redelivered opener opens again (same ids), it does not continue itself
    ((inbound.thread_id !== null && inbound.thread_id === head.thread_id) || inbound.occurred_at - head.last_message_at <= CONVERSATION_WINDOW_MS)
  const ticketId = continues ? head!.ticket_id : ticketIdFor(inbound)
  const conversationId = continues ? head!.conversation_id : stableId('conversation', ticketId)

  const identified: CustomerIdentified = {
    event_id: stableId('identified', inbound.event_id),
    occurred_at: now,
    context: { ticket_id: ticketId, conversation_id: conversationId, customer_id: customerId, inbound },
    is_new_customer: facts.newCustomer,
    is_new_ticket: !continues,
    customer_name: inbound.sender.name,
    identifiers,
    merged_customer_ids: mergedIds,
    continued: continues,
  }
  return {
    identified,
    claim,
    opened: continues
      ? null
      : {
          event_id: stableId('ticket-opened', ticketId),
          occurred_at: now,
          ticket_id: ticketId,
          conversation_id: conversationId,
          customer_id: customerId,
          channel: inbound.channel,
          status: 'open',
          reason: null,
        },
    merged: mergedIds.length
      ? {
          event_id: stableId('merge', inbound.event_id),
          occurred_at: now,
          survivor_id: customerId,
          merged_ids: mergedIds,
          identifiers: given,
          reason: `${given.map(key).join(' + ')} arrived together in ${inbound.channel} message ${inbound.channel_message_id}`,
        }
      : null,
  }
}
