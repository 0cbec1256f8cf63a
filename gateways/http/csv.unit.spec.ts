import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { toCsv } from './csv.js'

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and leaves empty cells for null', () => {
    const csv = toCsv(['a', 'b', 'c'], [{ a: 'x, y', b: 'say "hi"', c: null }, { a: 'two\nlines', b: 3, c: true }])
    assert.equal(csv, 'a,b,c\r\n"x, y","say ""hi""",\r\n"two\nlines",3,true\r\n')
    assert.equal(toCsv(['v'], [{ v: 'ok;=HYPERLINK("x")' }]), 'v\r\n"ok;=HYPERLINK(""x"")"\r\n', 'quoted, so a ";" spreadsheet keeps it one cell')
  })

  it('defuses text a spreadsheet would run as a formula, but keeps negative numbers numbers', () => {
    const csv = toCsv(['v'], [{ v: '=HYPERLINK("http://evil")' }, { v: '+1' }, { v: '@SUM(A1)' }, { v: '-2+3' }, { v: -0.25 }])
    assert.deepEqual(csv.trim().split('\r\n').slice(1), [`"'=HYPERLINK(""http://evil"")"`, `"'+1"`, `"'@SUM(A1)"`, `"'-2+3"`, '-0.25'])
  })
})
