import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { gatewayForTests, type GatewayForTests } from '../../../testing/gateway.js'
import { EMPTY_FORM, firstInvalid, firstPerField, toPayload, validate, type FormValues } from './validation.js'

const valid: FormValues = { ...EMPTY_FORM, name: 'Ada', email: 'ada@example.com', subject: 'Login', category: 'technical', message: 'I forgot my password' }

describe('widget validation', () => {
  let g: GatewayForTests
  before(async () => {
    g = await gatewayForTests({ FTE_FORM_RATE_LIMIT: '10000' })
  })
  after(() => g.close())

  it('leaves untouched optional inputs out of what is sent', () => {
    assert.deepEqual(toPayload(valid), { name: 'Ada', email: 'ada@example.com', subject: 'Login', category: 'technical', priority: 'medium', message: 'I forgot my password', website: '' })
    assert.equal(toPayload({ ...valid, phone: '  ' }).phone, undefined)
    assert.equal(toPayload({ ...valid, category: '' }).category, undefined)
  })

  it('names the fields in form order, the first one first', () => {
    const errors = validate(toPayload({ ...EMPTY_FORM, email: 'x', message: 'short' }))
    assert.deepEqual(Object.keys(errors).sort(), ['category', 'email', 'message', 'name', 'subject'])
    assert.equal(errors.email, 'must be a valid email address')
    assert.equal(firstInvalid(errors), 'name')
    assert.equal(firstInvalid({ message: 'x', phone: 'y' }), 'phone')
  })

  it('refuses exactly what the server refuses, with the same message per field (property)', async () => {
    const pick = <T>(...xs: T[]) => fc.constantFrom(...xs)
    const values = fc.record({
      name: pick('', '  ', 'Ada', 'x'.repeat(201)),
      email: pick('', 'ada@example.com', ' Ada@Example.com ', 'nope', 'a@b', `${'x'.repeat(320)}@example.com`),
      phone: pick('', '+1 555 123 4567', 'call me', '12'),
      subject: pick('', 'Login', 'y'.repeat(301)),
      category: pick('', 'general', 'bug_report'),
      priority: pick('low', 'medium', 'high'),
      message: pick('', 'short', 'I forgot my password and cannot log in', '          a'),
      website: pick('', 'http://spam.example'),
    })
    await fc.assert(
      fc.asyncProperty(values, async (v) => {
        const payload = toPayload(v)
        const res = await fetch(`${g.url}/support/submit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) })
        const server = res.status === 422 ? firstPerField(((await res.json()) as { fields: { field: string; message: string }[] }).fields) : {}
        if (res.status !== 422) assert.equal(res.status, 202)
        assert.deepEqual(validate(payload), server)
      }),
      { numRuns: 150 },
    )
  })
})
