import { createHash } from 'node:crypto'
import { tokens } from '../text.js'
import { DIMENSIONS } from './contract.js'

/**
 * The offline embedding: a signed hashing vectorizer over stemmed words, word bigrams and
 * character 4-grams, 1536 dimensions so the column is the same as text-embedding-3-small's.
 * Lexical, not semantic: it matches "password reset" to "reset your password" and tolerates
 * typos through the character grams, but not synonyms. Fast and needs no download.
 */
export const LOCAL_EMBEDDING_MODEL = 'local-hash-v1'

function bucket(feature: string): [number, number] {
  const h = createHash('md5').update(feature).digest()
  return [h.readUInt32LE(0) % DIMENSIONS, h[4]! & 1 ? 1 : -1]
}

export function embedLocally(text: string): number[] {
  const counts = new Map<string, number>()
  const add = (f: string, w: number) => counts.set(f, (counts.get(f) ?? 0) + w)
  const words = tokens(text)
  words.forEach((w, i) => {
    add(`w:${w}`, 1)
    if (i > 0) add(`b:${words[i - 1]}_${w}`, 0.5)
    if (w.length >= 5) for (let j = 0; j + 4 <= w.length; j++) add(`c:${w.slice(j, j + 4)}`, 0.25)
  })
  const v = new Array<number>(DIMENSIONS).fill(0)
  for (const [feature, weight] of counts) {
    const [i, sign] = bucket(feature)
    v[i]! += sign * (1 + Math.log(weight + 1))
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0))
  return norm === 0 ? v : v.map((x) => x / norm)
}
