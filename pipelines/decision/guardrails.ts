import type { Identifier, KnowledgeHit } from '../../schemas/index.js'
import type { CompanyProfile } from '../../platform/companyProfile.js'
import { escapeRegExp } from '../../platform/text.js'

/**
 * Checks on every answer before it leaves, whoever wrote it (OpenAI or the offline responder).
 * A sentence that breaks a rule is removed; what remains goes out. Each rule names itself in
 * `violations` so tests and logs can say why text was cut.
 */
export interface GuardrailResult {
  text: string
  violations: ('competitor' | 'undocumented_promise' | 'internal_detail' | 'other_customer_data')[]
}

// A list with nothing in it matches nothing (an empty alternation would match everywhere).
const anyOf = (words: string[]) => (words.length ? new RegExp(`\\b(${words.map(escapeRegExp).join('|')})\\b`, 'i') : /(?!)/)
// Commitments about the future: fine only when the knowledge base itself says the same thing.
const PROMISE = /\b(we will (soon )?(add|build|release|launch|support|introduce|ship)|(is|are) (coming soon|on (our|the) roadmap|planned)|in (an?|the) (upcoming|next|future) (release|version|update)|coming soon|will be available (soon|next)|we (can|could) build)\b/i
const EMAIL = /[^\s@<>()"']+@[^\s@<>()"']+\.[a-z]{2,}/gi
const PHONE = /\+?\d[\d\s\-().]{7,}\d/g

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+|\n/)

export type Guardrails = (text: string, ctx: { hits: KnowledgeHit[]; customerIdentifiers: Identifier[] }) => GuardrailResult

/** The checks for one company: its competitors and internal terms are never said. */
export function guardrailsFor(company: Pick<CompanyProfile, 'competitors' | 'internalTerms'>): Guardrails {
  const competitor = anyOf(company.competitors)
  const internal = anyOf(company.internalTerms)
  return (text, ctx) => applyGuardrails(text, ctx, competitor, internal)
}

function applyGuardrails(text: string, ctx: { hits: KnowledgeHit[]; customerIdentifiers: Identifier[] }, competitor: RegExp, internal: RegExp): GuardrailResult {
  const violations = new Set<GuardrailResult['violations'][number]>()
  const knowledge = ctx.hits.map((h) => h.content.toLowerCase()).join('\n')
  const own = new Set(ctx.customerIdentifiers.map((i) => i.value.toLowerCase()))
  const digits = (s: string) => s.replace(/\D/g, '')
  const ownDigits = new Set(ctx.customerIdentifiers.filter((i) => i.kind === 'phone').map((i) => digits(i.value)))
  const kept: string[] = []
  for (const line of text.split('\n')) {
    const keptSentences: string[] = []
    for (const sentence of sentencesOf(line)) {
      if (competitor.test(sentence)) {
        violations.add('competitor')
        continue
      }
      if (internal.test(sentence)) {
        violations.add('internal_detail')
        continue
      }
      const promise = PROMISE.exec(sentence)
      if (promise && !knowledge.includes(promise[0].toLowerCase())) {
        violations.add('undocumented_promise')
        continue
      }
      const strangerEmail = (sentence.match(EMAIL) ?? []).some((e) => !own.has(e.toLowerCase()) && !knowledge.includes(e.toLowerCase()))
      const strangerPhone = (sentence.match(PHONE) ?? []).some((p) => digits(p).length >= 8 && !ownDigits.has(digits(p)) && !knowledge.includes(p))
      if (strangerEmail || strangerPhone) {
        violations.add('other_customer_data')
        continue
      }
      keptSentences.push(sentence)
    }
    kept.push(keptSentences.join(' '))
  }
  return { text: kept.join('\n').replace(/\n{3,}/g, '\n\n').trim(), violations: [...violations] }
}
