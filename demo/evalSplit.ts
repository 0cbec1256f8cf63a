import { createHash } from 'node:crypto'
import type { Sample } from './samples.js'

/**
 * The evaluation's dev/test split. The dossier's samples were looked at while the agent's rules
 * were written, so they are dev by nature. The cases in evalCases.ts were written apart from the
 * rules; within each label (the article, or the escalation reason) they are ordered by a seeded
 * hash of their id and alternate between dev and test, so both splits cover every article and
 * reason. Tune on dev only; the test figures are the ones to quote.
 */
export const SPLIT_SEED = 'nimbus-eval-2026-12'

export type Split = 'dev' | 'test'

export const labelOf = (s: Sample) => (s.expect.action === 'reply' ? `article:${s.expect.article_id}` : `escalate:${s.expect.reason}`)

const rank = (id: string) => createHash('sha256').update(`${SPLIT_SEED}:${id}`).digest('hex')

export function splitCases(dossier: readonly Sample[], written: readonly Sample[]): Record<Split, Sample[]> {
  const dev: Sample[] = [...dossier]
  const test: Sample[] = []
  const byLabel = new Map<string, Sample[]>()
  for (const s of written) byLabel.set(labelOf(s), [...(byLabel.get(labelOf(s)) ?? []), s])
  for (const group of byLabel.values()) {
    group.sort((a, b) => (rank(a.id) < rank(b.id) ? -1 : 1))
    // The first of a group goes to test: a label with a single case is still measured.
    group.forEach((s, i) => (i % 2 === 0 ? test : dev).push(s))
  }
  const ids = new Set<string>()
  for (const s of [...dev, ...test]) {
    if (ids.has(s.id)) throw new Error(`case id ${s.id} is used twice`)
    ids.add(s.id)
  }
  return { dev, test }
}
