import type { KnowledgeHit } from '../../schemas/index.js'
import { escapeRegExp, stem } from '../../platform/text.js'

/**
 * "Does Nimbus Tasks have a whiteboard?" is a question about whether something exists. Retrieval
 * always finds the nearest article, and an answer drawn from it (about boards, or shortcuts) would
 * read as a yes, or as a no nobody documented: either is an undocumented promise. So when the
 * customer asks whether the product has, supports or offers a named thing, the passage we would
 * answer from must name it; otherwise nothing relevant was found and a person answers.
 */
const existencePatterns = new Map<string, RegExp>()

/** The product may be named by its first word alone ("Does Nimbus have ..." for Nimbus Tasks). */
function existencePattern(productName: string): RegExp {
  let re = existencePatterns.get(productName)
  if (!re) {
    const [first = '', ...rest] = productName.toLowerCase().split(/\s+/).filter(Boolean).map(escapeRegExp)
    const product = first ? `|${first}${rest.length ? `(?:\\s+${rest.join('\\s+')})?` : ''}` : ''
    re = new RegExp(
      `\\b(?:do|does|did|will|can|could)\\s+(?:you${product}|it|the\\s+app|your\\s+(?:app|product|tool))\\s+(?:have|has|offer|support|include|provide|come\\s+with)\\s+(?:a|an|any|some)?\\s*([^?.!,;\\n]{2,80})|\\b(?:is|are)\\s+there\\s+(?:a|an|any)\\s+([^?.!,;\\n]{2,80})`,
      'gi',
    )
    existencePatterns.set(productName, re)
  }
  return re
}

// Where the named thing ends: a relative clause or a purpose starts ("a whiteboard where we ...").
const PHRASE_END = /\s(?:where|that|which|who|to|for|so|with|in|on|when|because|if|like|and|or|but)\s.*$/i

// Words that describe a thing without naming it: "a built-in way", "any native option".
const GENERIC = new Set(
  // "Is there a quick way to find ..." asks how, not whether a thing exists (dev e104).
  'way ways option options feature features function functionality ability possibility setting settings thing things tool tools built builtin native proper good simple easy new nice any some kind sort type quick quicker fast faster easier better simpler'.split(' '),
)

/** The named things a message asks the existence of ("built-in whiteboard" -> ["whiteboard"]). */
export function askedToExist(question: string, productName: string): string[][] {
  const asked: string[][] = []
  for (const m of question.matchAll(existencePattern(productName))) {
    const phrase = (m[1] ?? m[2] ?? '').replace(PHRASE_END, '')
    const words = (phrase.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 2 && !GENERIC.has(w))
    if (words.length) asked.push(words)
  }
  return asked
}

/** The first thing asked about that the passage never names, or null when every one is named. */
export function unnamedInPassage(question: string, passage: Pick<KnowledgeHit, 'title' | 'content'>, productName: string): string | null {
  const named = new Set((`${passage.title} ${passage.content}`.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(stem))
  for (const words of askedToExist(question, productName)) if (!words.some((w) => named.has(stem(w)))) return words.join(' ')
  return null
}
