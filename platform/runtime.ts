import type { Config } from './config.js'
import { postgresDb, pgliteDb, type Db } from './db.js'
import type { Logger } from './log.js'
import { avroCodec, localSchemaStore, registrySchemaStore } from './codec.js'
import { embeddedTransport } from './transport/embedded.js'
import { kafkaTransport } from './transport/kafka.js'
import type { Transport } from './transport/contract.js'
import { migrate } from './migrate.js'

export interface Runtime {
  config: Config
  db: Db
  transport: Transport
  log: Logger
  close(): Promise<void>
}

/**
 * Opens the database (and migrates it), the schema store and the transport that the
 * configuration names: Postgres + Kafka + registry, or PGlite + the embedded log.
 */
export async function openRuntime(config: Config, log: Logger): Promise<Runtime> {
  const db = config.database.kind === 'postgres' ? postgresDb(config.database.url, config.database.poolSize) : await pgliteDb(config.database.dir)
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
        codec: avroCodec(registrySchemaStore(t.schemaRegistryUrl), physical),
        policy: config.delivery,
        log,
        topicPrefix: config.topicPrefix,
      })
    } else {
      transport = embeddedTransport({ db, codec: avroCodec(localSchemaStore(db), physical), policy: config.delivery, log, topicPrefix: config.topicPrefix })
    }
    await transport.prepare()
    return {
      config,
      db,
      transport,
      log,
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
