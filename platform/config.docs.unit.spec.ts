import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'

// Every variable the product reads must be documented: docs/configuration.md is the operator's manual.
describe('configuration docs', () => {
  it('docs/configuration.md documents every environment variable config.ts reads', () => {
    const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8')
    const docs = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8')
    const vars = [...source.matchAll(/^\s{4}([A-Z][A-Z0-9_]+): z\./gm)].map((m) => m[1]!)
    assert.ok(vars.length >= 10, `found ${vars.length} variables in config.ts`)
    const missing = vars.filter((v) => !docs.includes(`\`${v}\``))
    assert.deepEqual(missing, [])
  })
})
