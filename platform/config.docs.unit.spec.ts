import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'

// Every variable the product reads must be documented: the README's Configuration table is the operator's manual.
describe('configuration docs', () => {
  it('README documents every environment variable config.ts reads', () => {
    const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8')
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const vars = [...source.matchAll(/^\s{4}([A-Z][A-Z0-9_]+): z\./gm)].map((m) => m[1]!)
    assert.ok(vars.length >= 10, `found ${vars.length} variables in config.ts`)
    const missing = vars.filter((v) => !readme.includes(`\`${v}\``))
    assert.deepEqual(missing, [])
  })
})
