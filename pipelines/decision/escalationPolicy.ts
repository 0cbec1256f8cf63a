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
  {
    reason: 'legal',
    priority: 'urgent',
    // Solicitor (British) and infringement notices (dev e232, e234) are legal matters too.
    pattern: /\b(lawyers?|legal|sue|suing|sued|attorneys?|solicitors?|lawsuit|litigation|compliance|infring(e|es|ed|ing|ement)|dmca|cease and desist)\b/i,
  },
  { reason: 'refund', priority: 'high', pattern: /\b(refunds?|refunded|money back|chargebacks?|reimburse(ment)?)\b/i },
  {
    reason: 'pricing_negotiation',
    priority: 'medium',
    // A price below the list price in other words: "half price", "a reduced price", a startup
    // programme (dev e257, e258).
    pattern: /\b(discounts?|negotiat\w*|cheaper|lower (the )?price|better (price|deal|rate)|price match|special (price|offer|pricing)|custom (pricing|quote)|quote|half (the )?price|reduced (price|rate|pricing)|(startup|start-up|non-?profit|education(al)?|student) (programmes?|programs?|pricing|plans?))\b/i,
  },
  {
    reason: 'human_requested',
    priority: 'medium',
    // "talk to a person", "speak with someone", "connect me to an agent": the customer wants a person.
    // "get the app to talk to our slack so somebody gets pinged" is not that: the words must be adjacent.
    // A call back, or "pass this on to a person" / "a member of your support staff" (dev e264, e266).
    pattern: /\b(speak|talk|chat)\s+(to|with)\s+(a|an|some|your|one of your)?\s*(real |actual |live )?(human|person|agent|representative|someone|somebody|manager|supervisor|staff member)\b|\b(connect|transfer|put|escalate)\s+me\b[^.?!]{0,20}\b(human|person|agent|representative|someone|manager)\b|\b(real|actual|live) (person|human|agent)\b|\bhuman (agent|support|being)\b|\b(give me a (call|ring)|call me( back)?|phone me|ring me)\b|\b(pass|hand|forward) (this|it|me)( on| over)? to (a|an|one of your) (person|human|colleague|member of (your )?(support )?(staff|team))\b|\bmember of your (support )?(staff|team)\b/i,
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

// A trigger word that names a thing in the product is not a request: a "Discount" column (dev
// e062), a "Legal" label. "Discount code" is left out: asking for one is asking for a discount.
const NAMES_A_THING = /^\s+(columns?|fields?|labels?|tags?|dropdowns?|properties|property|categor(y|ies)|templates?|boards?|lists?|projects?)\b/i

function firesIn(rule: EscalationRule, text: string): boolean {
  for (const clause of text.split(CLAUSE)) {
    if (!clause) continue
    const re = new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : rule.pattern.flags + 'g')
    for (const m of clause.matchAll(re)) {
      if (NAMES_A_THING.test(clause.slice(m.index + m[0].length))) continue
      if (!NEGATION.test(clause.slice(0, m.index))) return true
    }
  }
  return false
}

/**
 * "My colleague Sue" is a person, not a lawsuit (dev e114): a capitalised Sue after a lower-case
 * word or a comma, i.e. inside a sentence, is a name.
 */
const withoutNames = (text: string) => text.replace(/([a-z,;]\s+)Sue\b/g, '$1 ')

export function matchEscalationRule(text: string, channel: Channel, companyName: string): EscalationRule | null {
  const own = withoutNames(withoutQuotations(text))
  return escalationRules(companyName).find((r) => (!r.channels || r.channels.includes(channel)) && firesIn(r, own)) ?? null
}
