import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { HttpError } from '../http/errors.js'
import { parseDay, parseFormat, parseRange, parseReportDay } from './reportQuery.js'

const now = new Date('2026-12-01T12:00:00Z')
const names = (fn: () => unknown) => {
  try {
    fn()
  } catch (err) {
    assert.ok(err instanceof HttpError)
    assert.equal(err.status, 400)
    return (err.details as { field: string }[]).map((d) => d.field)
  }
  assert.fail('expected a 400')
}

describe('report parameters', () => {
  it('defaults to the last 24 hours, and fills the missing end of a half-given range', () => {
    assert.deepEqual(parseRange({}, now), { from: new Date('2026-11-30T12:00:00Z'), to: now })
    assert.equal(parseRange({}, now, null), null)
    assert.deepEqual(parseRange({ to: '2026-11-20' }, now), { from: new Date('2026-11-19T00:00:00Z'), to: new Date('2026-11-20T00:00:00Z') })
    assert.deepEqual(parseRange({ from: '2026-11-01T08:30:00+01:00' }, now), { from: new Date('2026-11-01T07:30:00Z'), to: now })
  })

  it('names the parameter at fault', () => {
    assert.deepEqual(names(() => parseRange({ from: 'yesterday' }, now)), ['from'])
    assert.deepEqual(names(() => parseRange({ to: '2026-13-01' }, now)), ['to'])
    assert.deepEqual(names(() => parseRange({ from: '2026-12-01T10:00:00' }, now)), ['from']) // no zone
    assert.deepEqual(names(() => parseRange({ from: '2026-12-01', to: '2026-12-01' }, now)), ['to'])
    assert.deepEqual(names(() => parseRange({ from: '2024-01-01', to: '2026-01-01' }, now)), ['from'])
    assert.deepEqual(names(() => parseRange({ from: ['2026-11-01', '2026-11-02'] }, now)), ['from'])
    assert.deepEqual(names(() => parseReportDay({ date: '2026-02-30' }, now)), ['date'])
    assert.deepEqual(names(() => parseFormat({ format: 'xlsx' }), ), ['format'])
  })

  it('reads real calendar days only, as UTC midnights', () => {
    assert.deepEqual(parseDay('2028-02-29'), new Date('2028-02-29T00:00:00Z'))
    assert.equal(parseDay('2026-02-29'), null)
    assert.deepEqual(parseReportDay({}, now), new Date('2026-12-01T00:00:00Z'))
    assert.equal(parseFormat({ format: 'csv' }), 'csv')
  })
})
