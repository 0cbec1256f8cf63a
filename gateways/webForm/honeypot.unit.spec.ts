import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { honeypotFilled } from './honeypot.js'
import { webFormSubmission } from './submission.js'

const form = { name: 'Ada', email: 'ada@example.com', subject: 'Login', category: 'technical', message: 'I cannot log in at all' }

describe('honeypot', () => {
  it('is empty for people: absent, null, or blank', () => {
    for (const website of [undefined, null, '', '   ']) assert.equal(honeypotFilled({ ...form, website }), false, JSON.stringify(website))
  })

  it('is filled for bots: any text, or any value a browser form would never send', () => {
    for (const website of ['http://cheap-pills.example', 'x', 0, false, {}, []]) assert.equal(honeypotFilled({ ...form, website }), true, JSON.stringify(website))
  })

  it('is allowed by the schema whatever its value, so it never shows up in a 422', () => {
    for (const website of ['http://spam.example', 42, { a: 1 }]) {
      const parsed = webFormSubmission.safeParse({ ...form, website })
      assert.ok(parsed.success, JSON.stringify(website))
      assert.equal(honeypotFilled(parsed.data), true)
    }
    const bad = webFormSubmission.safeParse({ website: 'http://spam.example' })
    assert.ok(!bad.success)
    assert.ok(bad.error.issues.every((i) => i.path[0] !== 'website'))
  })
})
