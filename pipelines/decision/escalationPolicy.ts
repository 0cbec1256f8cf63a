import type { Channel } from '../../schemas/index.js'

/**
 * When a human must take over, as data. Order matters: the first rule that matches gives the
 * reason and priority. `channels` limits a rule to some channels (the bare words on WhatsApp).
 */
export interface EscalationRule {
  reason: string
  priority: 'low' | 'medium' | 'high' | 'urgent'
  pattern: RegExp
  channels?: Channel[]
}

export const ESCALATION_RULES: EscalationRule[] = [
  { reason: 'legal', priority: 'urgent', pattern: /\b(lawyers?|legal|sue|suing|sued|attorneys?|lawsuit|litigation|compliance)\b/i },
  { reason: 'refund', priority: 'high', pattern: /\b(refunds?|refunded|money back|chargebacks?|reimburse(ment)?)\b/i },
  {
    reason: 'pricing_negotiation',
    priority: 'medium',
    pattern: /\b(discounts?|negotiat\w*|cheaper|lower (the )?price|better (price|deal|rate)|price match|special (price|offer|pricing)|custom (pricing|quote)|quote)\b/i,
  },
  {
    reason: 'human_requested',
    priority: 'medium',
    pattern: /\b(speak|talk|chat|connect me|put me through|transfer me)\b[^.?!]{0,30}\b(human|person|agent|representative|someone|somebody|manager|supervisor|staff)\b|\b(real|actual|live) (person|human|agent)\b|\bhuman (agent|support|being)\b/i,
  },
  { reason: 'human_requested', priority: 'medium', pattern: /^\s*(human|agent|representative)\s*[.!?]*\s*$/i, channels: ['whatsapp'] },
]

/** Sentiment below this (0..1) hands the conversation to a human. */
export const NEGATIVE_SENTIMENT_THRESHOLD = 0.3

export function matchEscalationRule(text: string, channel: Channel): EscalationRule | null {
  return ESCALATION_RULES.find((r) => (!r.channels || r.channels.includes(channel)) && r.pattern.test(text)) ?? null
}
