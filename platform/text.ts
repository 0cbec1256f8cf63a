import type { InboundMessage } from '../schemas/index.js'

const STOP = new Set(
  'a an and are as at be been but by can could do does did for from had has have how i if in into is it its me my of on or our so than that the their them then there these they this to too us was we were what when where which who why will with would you your yours im ive dont cant please hi hello thanks thank'.split(' '),
)

/** Words as retrieval and the answer composer compare them: lower-cased, stop words out, stemmed. */
export function tokens(text: string): string[] {
  return (text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9\s]/g, ' ').match(/[a-z0-9]+/g) ?? [])
    .filter((t) => !STOP.has(t) && t.length > 1)
    .map(stem)
}

/** A light suffix stripper: enough to join "exports", "exporting" and "exported". */
export function stem(word: string): string {
  if (word.length <= 4) return word
  for (const suffix of ['ations', 'ation', 'ings', 'ing', 'ers', 'ed', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length)
  }
  return word
}

/** What a message asks: the subject carries the topic on forms and emails, the body the detail. */
export const questionText = (inbound: Pick<InboundMessage, 'subject' | 'content'>) => [inbound.subject, inbound.content].filter(Boolean).join('\n')

/** Text made literal inside a RegExp (company names, competitor lists). */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
