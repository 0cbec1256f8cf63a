/**
 * Helpers for *.int.spec.ts: fresh, isolated resources on the stack that scripts/test.ts started.
 * Each test gets its own Postgres database and topic prefix, so files never see each other's data.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { loadConfig, type Config } from '../platform/config.js'
import { createLogger } from '../platform/log.js'

export const stack = {
  kafkaBrokers: process.env.FTE_TEST_KAFKA_BROKERS,
  registryUrl: process.env.FTE_TEST_SCHEMA_REGISTRY_URL,
  databaseUrl: process.env.FTE_TEST_DATABASE_URL,
}

/** Why a test that needs the real stack cannot run; undefined when it can. */
export const noStack = stack.kafkaBrokers && stack.registryUrl && stack.databaseUrl ? undefined : 'run through `npm test`, which starts the stack'

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`

/** Creates an empty database on the stack's Postgres and returns its URL and a dropper. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: stack.databaseUrl })
  await admin.connect()
  const name = uniqueName('fte_t')
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(stack.databaseUrl!)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: stack.databaseUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    },
  }
}

export function testConfig(overrides: Record<string, string>): Config {
  // Tests send many forms from one address: the per-client limit is lifted unless a test sets it.
  // The embedding model's location is the machine's, not the test's: use the one `fte models` fetched.
  const model = Object.fromEntries(['FTE_MODEL_DIR', 'FTE_MODEL_REPOSITORY'].filter((k) => process.env[k]).map((k) => [k, process.env[k]!]))
  return loadConfig({ PORT: '0', FTE_METRICS_PORT: '0', HOST: '127.0.0.1', FTE_RETRY_BACKOFF_MS: '20', LOG_LEVEL: 'silent', FTE_TOPIC_PARTITIONS: '2', FTE_FORM_RATE_LIMIT: '10000', ...model, ...overrides })
}

export const testLog = () => createLogger((process.env.LOG_LEVEL as 'silent') ?? 'silent')

/** Polls until fn returns a truthy value or the time is up (then throws with the last value seen). */
export async function eventually<T>(fn: () => Promise<T>, opts: { timeoutMs?: number; what?: string } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000)
  let last: T | undefined
  while (Date.now() < deadline) {
    last = await fn()
    if (last) return last as NonNullable<T>
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${opts.what ?? 'condition'}; last value: ${JSON.stringify(last)}`)
}
