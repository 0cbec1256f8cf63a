import type { CustomerIdentified, CustomerLinkChanged, Identifier, InboundMessage, TicketLifecycleChanged } from '../../schemas/index.js'
import { PermanentError } from '../../platform/transport/contract.js'
import { stableId } from '../../platform/ids.js'
import { identifierKey, identifiersOf, provenIdentifiers } from '../../platform/identifiers.js'
import { statedIdentifiers } from './statedIdentifiers.js'

/** A message continues the customer's conversation if their last message was this recent. */
export const CONVERSATION_WINDOW_MS = 24 * 60 * 60 * 1000

/** The web form names its ticket up front; other channels get one derived from the message. */
export const ticketIdFor = (inbound: InboundMessage) => inbound.ticket_id ?? stableId('ticket', inbound.event_id)

/** A new person's id, derived from their first identifier so that concurrent first messages agree. */
export const candidateCustomerId = (primary: Identifier) => stableId('customer', primary.kind, primary.value)

/** One suggestion per pair of customers, whichever order they meet in. */
export const suggestionIdFor = (a: string, b: string) => stableId('link-suggestion', ...[a, b].sort())

export interface OwnedIdentifier extends Identifier {
  /** The link of this identifier to its customer is proven (see docs/identity.md), not only claimed. */
  verified: boolean
}

export interface ConversationHead {
  customer_id: string
  conversation_id: string
  ticket_id: string
  thread_id: string | null
  last_message_at: number
  ticket_closed: boolean
  opened_by: string | null
  /** Identifier keys that messages in this conversation proved: only they may continue it. */
  proven_by: string[]
}

/** What the identity stage knows before deciding: who owns the identifiers, and the open conversations. */
export interface IdentityFacts {
  /**
   * Owners of any of the message's identifiers, oldest claim first. The stage claims the
   * channel-given identifiers before deciding, so they always have an owner here.
   */
  owners: { customer_id: string; claimed_at: number; kinds: OwnedIdentifier[] }[]
  /** This message's claim created the customer (nobody owned any of its identifiers before). */
  newCustomer: boolean
  /** Per owner: the keys of every identifier whose link to them is proven. */
  provenLinks: Record<string, string[]>
  /** The owners' conversations, newest first. */
  heads: ConversationHead[]
  /** The conversation of the ticket a web-form follow-up names (`follow_up_of`), if identity placed it. */
  followed?: { customer_id: string; conversation_id: string; ticket_id: string; ticket_closed: boolean } | null
}

export interface IdentityDecision {
  identified: CustomerIdentified
  opened: TicketLifecycleChanged | null
  /** Other customers this message's identifiers belong to: a person decides whether they are one. */
  suggestions: CustomerLinkChanged[]
  /** Identifiers to claim for the customer (channel-given and stated ones not owned yet); only claimed. */
  claim: Identifier[]
  /** What this message proves, to record on its conversation. */
  provenBy: string[]
}

/**
 * Who wrote this message and which conversation it belongs to (the rules are docs/identity.md):
 * - The customer is the oldest owner of an identifier the channel gives; failing that, the owner
 *   of an identifier the text states as the sender's own ("my email is ..."); failing that, a new
 *   customer named after the first identifier. Linking is automatic, for staff and analytics.
 * - Two existing customers are never merged here, whatever the message carries: another
 *   customer's identifier in the message is a suggested link that a person confirms or dismisses.
 * - A message continues an open conversation only when an identifier it proves has already
 *   written there (or is proven for the same customer, after a person merged them). A claim
 *   never continues anyone's conversation, so a stranger naming someone's address starts their
 *   own, and the reply, which remembers only its own conversation, shows them nothing of it.
 * - The web form always opens a conversation (its ticket id is promised to the customer at once),
 *   except a follow-up from its status page: the sender had the ticket's link (a bearer secret)
 *   and its address, so the message is that ticket's customer's and continues it; on a resolved
 *   ticket it opens a new one, as a message after a resolve does on every channel.
 */
export function resolveIdentity(inbound: InboundMessage, facts: IdentityFacts, now: number): IdentityDecision {
  const given = identifiersOf(inbound.sender)
  const primary = given[0]
  if (!primary) throw new PermanentError(`message ${inbound.event_id} carries no usable email or phone`)
  const givenKeys = new Set(given.map(identifierKey))
  const stated = statedIdentifiers(inbound.content).filter((i) => !givenKeys.has(identifierKey(i)))

  const ownersOfGiven = facts.owners.filter((o) => o.kinds.some((k) => givenKeys.has(identifierKey(k))))
  const ownersOfStated = facts.owners.filter((o) => !ownersOfGiven.includes(o))
  const followed = inbound.channel === 'web_form' && inbound.follow_up_of ? (facts.followed ?? null) : null
  const customerId = followed?.customer_id ?? ownersOfGiven[0]?.customer_id ?? ownersOfStated[0]?.customer_id ?? candidateCustomerId(primary)
  const ownerOf = new Map(facts.owners.flatMap((o) => o.kinds.map((k) => [identifierKey(k), o.customer_id] as const)))
  // Identifiers owned by someone else stay theirs; unowned ones become this customer's, as claims.
  const claim = [...given, ...stated].filter((i) => !ownerOf.has(identifierKey(i)))
  const identifiers = [...given, ...stated].filter((i) => (ownerOf.get(identifierKey(i)) ?? customerId) === customerId)

  const proven = provenIdentifiers(inbound).map(identifierKey)
  const own = facts.owners.find((o) => o.customer_id === customerId)
  const provenHere = proven.filter((k) => own?.kinds.some((i) => i.verified && identifierKey(i) === k))
  // Proven for this customer: the conversations of their other proven identifiers are theirs too.
  const entitled = new Set(provenHere.length ? [...proven, ...(facts.provenLinks[customerId] ?? [])] : proven)
  const head = facts.heads.find((h) => h.customer_id === customerId && h.proven_by.some((k) => entitled.has(k))) ?? null
  const followsOpen = followed !== null && !followed.ticket_closed
  const continues =
    followsOpen ||
    (inbound.channel !== 'web_form' &&
      head !== null &&
      !head.ticket_closed &&
      head.opened_by !== inbound.event_id && // a redelivered opener opens again (same ids), it does not continue itself
      ((inbound.thread_id !== null && inbound.thread_id === head.thread_id) || inbound.occurred_at - head.last_message_at <= CONVERSATION_WINDOW_MS))
  const continued = followsOpen ? followed : continues ? head! : null
  const ticketId = continued ? continued.ticket_id : ticketIdFor(inbound)
  const conversationId = continued ? continued.conversation_id : stableId('conversation', ticketId)

  const suggestions = facts.owners
    .filter((o) => o.customer_id !== customerId)
    .map((other): CustomerLinkChanged => {
      const linking = [...given, ...stated].filter((i) => ownerOf.get(identifierKey(i)) === other.customer_id)
      const how = (i: Identifier) => (givenKeys.has(identifierKey(i)) ? 'given' : 'stated in the text')
      return {
        event_id: stableId('link-suggested', inbound.event_id, other.customer_id),
        occurred_at: now,
        suggestion_id: suggestionIdFor(customerId, other.customer_id),
        customer_ids: [customerId, other.customer_id],
        identifiers: linking,
        reason: `${inbound.channel} message ${inbound.channel_message_id} carried ${linking.map((i) => `${i.value} (${how(i)})`).join(', ')}, which belongs to another customer`,
        state: 'suggested',
        staff_email: null,
      }
    })

  const identified: CustomerIdentified = {
    event_id: stableId('identified', inbound.event_id),
    occurred_at: now,
    context: { ticket_id: ticketId, conversation_id: conversationId, customer_id: customerId, inbound },
    is_new_customer: facts.newCustomer,
    is_new_ticket: !continues,
    customer_name: inbound.sender.name,
    identifiers,
    merged_customer_ids: [],
    continued: continues,
    verified_identifiers: given.filter((i) => provenHere.includes(identifierKey(i))),
  }
  return {
    identified,
    claim,
    suggestions,
    provenBy: proven,
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
  }
}
