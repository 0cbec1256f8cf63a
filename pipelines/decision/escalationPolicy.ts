import type { Channel } from '../../schemas/index.js'
import { escapeRegExp } from '../../platform/text.js'

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

/** The rules, in order, for the company the agent speaks for (its name appears in one of them). */
export function escalationRules(companyName: string): EscalationRule[] {
  let rules = rulesByCompany.get(companyName)
  if (!rules) rulesByCompany.set(companyName, (rules = buildRules(companyName)))
  return rules
}
const rulesByCompany = new Map<string, EscalationRule[]>()

const buildRules = (companyName: string): EscalationRule[] => [
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
    // "talk to a person", "speak with someone", "connect me to an agent": the customer wants a person.
    // "get the app to talk to our slack so somebody gets pinged" is not that: the words must be adjacent.
    pattern: /\b(speak|talk|chat)\s+(to|with)\s+(a|an|some|your|one of your)?\s*(real |actual |live )?(human|person|agent|representative|someone|somebody|manager|supervisor|staff member)\b|\b(connect|transfer|put|escalate)\s+me\b[^.?!]{0,20}\b(human|person|agent|representative|someone|manager)\b|\b(real|actual|live) (person|human|agent)\b|\bhuman (agent|support|being)\b/i,
  },
  {
    // The knowledge base documents what exists, never what is planned: a question about future
    // releases or dates has no documented answer, and guessing would be an undocumented promise.
    reason: 'no_relevant_knowledge',
    priority: 'low',
    pattern: /\b(when (is|will|are|do you)\b[^.?!]{0,40}\b(coming( out)?|be released|released?|launch(ed|ing)?|available|ship(ped|ping)?)\b|roadmap|release date|eta for)\b/i,
  },
  {
    // The knowledge base documents the product, not the company's hiring: a job enquiry goes to people.
    reason: 'no_relevant_knowledge',
    priority: 'low',
    // "careers at <us>", by the company's first name word: "my career at school" is not a job enquiry.
    pattern: new RegExp(
      `\\b(open (positions?|roles|vacanc(y|ies))|job (openings?|opportunit(y|ies)|vacanc(y|ies))|vacanc(y|ies)|are you hiring|internships?|careers? (page|opportunit(y|ies)|at ${escapeRegExp(companyName.trim().split(/\s+/)[0] ?? '').toLowerCase() || '(?!)'}))\\b`,
      'i',
    ),
  },
  { reason: 'human_requested', priority: 'medium', pattern: /^\s*(human|agent|representative)\s*[.!?]*\s*$/i, channels: ['whatsapp'] },
]

/** Sentiment below this (0..1) hands the conversation to a human. */
export const NEGATIVE_SENTIMENT_THRESHOLD = 0.3

/**
 * Quoted words are someone else's ("my boss said 'we should sue'"), so they are not the
 * customer's request. Apostrophes inside words (don't) are not quotes.
 */
export function withoutQuotations(text: string): string {
  return text
    .replace(/["“][^"”]{1,300}["”]/g, ' ')
    .replace(/(^|[\s(])['‘][^'’]{2,300}['’](?=[\s.,!?;:)]|$)/g, '$1 ')
}

// A trigger is negated when one of these stands shortly before it in the same clause: "I don't want
// a refund", "not asking for a discount", "no need for a lawyer". Inability ("I can't get a
// refund") is deliberately not a negation: it is still the customer's problem.
const NEGATION = /\b(not|no|never|without|nothing|don'?t|do not|doesn'?t|does not|didn'?t|did not|isn'?t|is not|aren'?t|won'?t|wasn'?t|instead of|rather than)\b[^,;.!?]{0,30}$/i
const CLAUSE = /(?<=[,;.!?\n])|\b(?=but\b|just\b|however\b)/i

function firesIn(rule: EscalationRule, text: string): boolean {
  for (const clause of text.split(CLAUSE)) {
    if (!clause) continue
    const re = new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : rule.pattern.flags + 'g')
    for (const m of clause.matchAll(re)) {
      if (!NEGATION.test(clause.slice(0, m.index))) return true
    }
  }
  return false
}

export function matchEscalationRule(text: string, channel: Channel, companyName: string): EscalationRule | null {
  const own = withoutQuotations(text)
  return escalationRules(companyName).find((r) => (!r.channels || r.channels.includes(channel)) && firesIn(r, own)) ?? null
}
