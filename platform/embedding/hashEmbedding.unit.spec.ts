import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { DIMENSIONS } from './contract.js'
import { embedLocally } from './hashEmbedding.js'
import { stem } from '../text.js'

const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0)

describe('local embedding', () => {
  it('is a unit vector of the knowledge_base column size', () => {
    const v = embedLocally('How do I reset my password?')
    assert.equal(v.length, DIMENSIONS)
    assert.ok(Math.abs(cos(v, v) - 1) < 1e-9)
  })
  it('puts a question nearer its article than an unrelated one', () => {
    const q = embedLocally('I forgot my password and cannot log in')
    const right = embedLocally('How to reset your password. Click Forgot password on the sign-in page.')
    const wrong = embedLocally('Connecting Nimbus Tasks to Slack channels for notifications')
    assert.ok(cos(q, right) > cos(q, wrong) + 0.1, `${cos(q, right)} vs ${cos(q, wrong)}`)
  })
  it('joins word forms', () => {
    assert.equal(stem('exporting'), stem('exports'))
  })
  it('returns a zero vector for text with nothing to search', () => {
    assert.ok(embedLocally('the and of ?!').every((x) => x === 0))
  })
})
