import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ARTICLES } from './articles.js'
import { SAMPLES } from './samples.js'
import { EVAL_CASES } from './evalCases.js'
import { labelOf, splitCases } from './evalSplit.js'

describe('the evaluation set and its split', () => {
  const { dev, test } = splitCases(SAMPLES, EVAL_CASES)

  it('is large and varied enough to measure on: 200+ messages, every article 3+ times, 30+ out of scope', () => {
    assert.ok(SAMPLES.length + EVAL_CASES.length >= 200)
    for (const a of ARTICLES) {
      const n = EVAL_CASES.filter((c) => c.expect.action === 'reply' && c.expect.article_id === a.article_id).length
      assert.ok(n >= 3, `${a.article_id}: ${n} written cases`)
    }
    assert.ok(EVAL_CASES.filter((c) => c.expect.action === 'escalate' && c.expect.reason === 'no_relevant_knowledge').length >= 30)
    for (const channel of ['email', 'whatsapp', 'web_form'] as const) assert.ok(EVAL_CASES.filter((c) => c.channel === channel).length >= 50, channel)
    const known = new Set(ARTICLES.map((a) => a.article_id))
    for (const c of EVAL_CASES) if (c.expect.action === 'reply') assert.ok(known.has(c.expect.article_id), `${c.id} names ${c.expect.article_id}`)
  })

  it('keeps what the rules were written against out of test, and measures every article and reason on test', () => {
    const testIds = new Set(test.map((c) => c.id))
    for (const s of SAMPLES) assert.ok(!testIds.has(s.id), `${s.id} is a dossier sample`)
    assert.equal(dev.length + test.length, SAMPLES.length + EVAL_CASES.length)
    assert.equal(new Set([...dev, ...test].map((c) => c.id)).size, dev.length + test.length, 'disjoint, no id twice')
    const onTest = new Set(test.map(labelOf))
    for (const label of new Set(EVAL_CASES.map(labelOf))) assert.ok(onTest.has(label), `${label} on test`)
  })

  it('is the same split on every run', () => {
    const again = splitCases(SAMPLES, EVAL_CASES)
    assert.deepEqual(again.test.map((c) => c.id), test.map((c) => c.id))
  })
})
