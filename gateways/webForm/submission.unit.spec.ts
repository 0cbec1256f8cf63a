import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { webFormSubmission } from './submission.js'

const valid = { name: 'Ada', email: 'ada@example.com', subject: 'Export', category: 'general', message: 'How do I export a project?' }

describe('web form submission', () => {
  it('accepts a complete form and defaults the priority', () => {
    const f = webFormSubmission.parse(valid)
    assert.equal(f.priority, 'medium')
  })
  it('names each field at fault', () => {
    const r = webFormSubmission.safeParse({ ...valid, email: 'x', category: 'weather', message: '', phone: 'call me' })
    assert.ok(!r.success)
    const fields = Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]))
    assert.deepEqual(Object.keys(fields).sort(), ['category', 'email', 'message', 'phone'])
    assert.match(fields.category!, /general, technical, billing, feedback, bug_report/)
  })
  it('reports missing fields as required', () => {
    const r = webFormSubmission.safeParse({})
    assert.ok(!r.success)
    assert.ok(r.error.issues.filter((i) => i.path[0] !== 'category').every((i) => i.message === 'is required'))
  })
})
