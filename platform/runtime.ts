import type { Config } from './config.js'
import { postgresDb, pgliteDb, type Db } from './db.js'
import type { Logger } from './log.js'
import { avroCodec, localSchemaStore, registrySchemaStore } from './codec.js'
import { embeddedTransport } from './transport/embedded.js'
import { kafkaTransport } from './transport/kafka.js'
import type { Transport } from './transport/contract.js'
import { migrate } from './migrate.js'
import { createHealth, type Health } from './health.js'

export interface Runtime {
  config: Config
  db: Db
  transport: Transport
  log: Logger
  /** What GET /ready reports: dependencies reachable, no partition waiting on a fault, not draining. */
  health: Health
  close(): Promise<void>
}

/**
 * Opens the database (and migrates it), the schema store and the transport that the
 * configuration names: Postgres + Kafka + registry, or PGlite + the embedded log.
 */
export async function openRuntime(config: Config, log: Logger): Promise<Runtime> {
  const health = createHealth()
  const db = config.database.kind === 'postgres' ? postgresDb(config.database.url, config.database.poolSize, { preparedStatements: config.database.preparedStatements }) : await pgliteDb(config.database.dir)
  try {
    const { applied } = await migrate(db)
    if (applied.length) log.info('migrations applied', { applied })
    const physical = (t: string) => config.topicPrefix + t
    let transport: Transport
    if (config.transport.kind === 'kafka') {
      const t = config.transport
      transport = kafkaTransport({
        brokers: t.brokers,
        clientId: t.clientId,
        partitions: t.partitions,
        sessionTimeoutMs: t.sessionTimeoutMs,
        codec: avroCodec(registrySchemaStore(t.schemaRegistryUrl), physical),
        policy: config.delivery,
        log,
        topicPrefix: config.topicPrefix,
        health,
      })
      const registry = t.schemaRegistryUrl.replace(/\/+$/, '')
      health.addCheck('schema registry', async () => {
        const res = await fetch(`${registry}/subjects`, { signal: AbortSignal.timeout(2000) })
        if (res.status >= 500) throw new Error(`HTTP ${res.status}`)
      })
    } else {
      transport = embeddedTransport({ db, codec: avroCodec(localSchemaStore(db), physical), policy: config.delivery, log, topicPrefix: config.topicPrefix, health })
    }
    health.addCheck('database', async () => void (await db.query('SELECT 1')))
    health.addCheck(transport.kind === 'kafka' ? 'kafka' : 'event log', () => transport.probe())
    await transport.prepare()
    return {
      config,
      db,
      transport,
      log,
      health,
      async close() {
        await transport.close().catch((err: Error) => log.warn('transport close failed', { error: err.message }))
        await db.close().catch((err: Error) => log.warn('database close failed', { error: err.message }))
      },
    }
  } catch (err) {
    await db.close().catch(() => undefined)
    throw err
  }
}
