import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig, ConfigError } from './config.js'

describe('configuration', () => {
  it('defaults to the embedded mode on port 3000 with data in ./.data', () => {
    const c = loadConfig({})
    assert.equal(c.http.port, 3000)
    assert.equal(c.transport.kind, 'embedded')
    assert.equal(c.database.kind, 'pglite')
    assert.match(c.dataDir, /\.data$/)
  })
  it('runs on the real stack when Kafka, the registry and Postgres are given', () => {
    const c = loadConfig({ KAFKA_BROKERS: 'a:9092, b:9092', SCHEMA_REGISTRY_URL: 'http://r:8081', DATABASE_URL: 'postgres://p/db' })
    assert.deepEqual(c.transport.kind === 'kafka' && c.transport.brokers, ['a:9092', 'b:9092'])
    assert.equal(c.transport.kind === 'kafka' && c.transport.sessionTimeoutMs, 30_000, "kafkajs' own session timeout by default")
    assert.equal(c.database.kind, 'postgres')
  })
  it('takes a group session timeout within the broker\'s bounds', () => {
    const stack = { KAFKA_BROKERS: 'a:9092', SCHEMA_REGISTRY_URL: 'http://r:8081', DATABASE_URL: 'postgres://p/db' }
    const c = loadConfig({ ...stack, FTE_KAFKA_SESSION_TIMEOUT_MS: '10000' })
    assert.equal(c.transport.kind === 'kafka' && c.transport.sessionTimeoutMs, 10_000)
    assert.throws(
      () => loadConfig({ ...stack, FTE_KAFKA_SESSION_TIMEOUT_MS: '1000' }),
      (e: ConfigError) => e.problems.some((p) => p.startsWith('FTE_KAFKA_SESSION_TIMEOUT_MS')),
    )
  })
  it('names every variable at fault', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', KAFKA_BROKERS: 'a:9092' }),
      (e: ConfigError) => ['PORT', 'SCHEMA_REGISTRY_URL', 'DATABASE_URL'].every((v) => e.problems.some((p) => p.startsWith(v))),
    )
  })
  it('refuses Postgres without Kafka: the embedded log could skip events there', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'postgres://p/db' }),
      (e: ConfigError) => e.problems.some((p) => p.startsWith('KAFKA_BROKERS: required when DATABASE_URL is set')),
    )
  })
  it('treats empty variables as unset', () => {
    assert.equal(loadConfig({ KAFKA_BROKERS: '', PORT: '' }).transport.kind, 'embedded')
  })
  it('gives the agent the demo company unless FTE_COMPANY_PROFILE names another, and names the fields at fault', () => {
    assert.equal(loadConfig({}).company.name, 'Nimbus Tasks')
    const dir = mkdtempSync(path.join(tmpdir(), 'fte-profile-'))
    const own = { ...loadConfig({}).company, name: 'Acme Cloud', signature: 'Acme Help' }
    writeFileSync(path.join(dir, 'acme.json'), JSON.stringify(own))
    assert.equal(loadConfig({ FTE_COMPANY_PROFILE: path.join(dir, 'acme.json') }).company.signature, 'Acme Help')
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ ...own, signature: '', channels: { ...own.channels, email: { style: 'formal' } } }))
    assert.throws(
      () => loadConfig({ FTE_COMPANY_PROFILE: path.join(dir, 'bad.json') }),
      (e: ConfigError) => ['signature', 'channels.email.maxWords'].every((f) => e.problems.some((p) => p.startsWith('FTE_COMPANY_PROFILE') && p.includes(`: ${f}:`))),
    )
  })
})
