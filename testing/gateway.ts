/**
 * For the web-form specs: the real gateway (routes, guards, error handling) on the real embedded
 * stack (PGlite + the embedded log, migrated), listening on a free loopback port. Nothing is faked:
 * `published()` reads back what the transport really wrote.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { openRuntime } from '../platform/runtime.js'
import { avroCodec, localSchemaStore } from '../platform/codec.js'
import { createLogger } from '../platform/log.js'
import { testConfig } from './stack.js'
import { Topics, type InboundMessage, type Topic } from '../schemas/index.js'
import { createGateway } from '../gateways/gateway.js'

export interface GatewayForTests {
  url: string
  /** The inbound messages the gateway published, decoded from the embedded log. */
  published(): Promise<InboundMessage[]>
  close(): Promise<void>
}

export async function gatewayForTests(env: Record<string, string> = {}): Promise<GatewayForTests> {
  const config = testConfig({ FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-gw-')), ...env })
  const rt = await openRuntime(config, createLogger('silent'))
  const codec = avroCodec(localSchemaStore(rt.db), (t) => config.topicPrefix + t)
  const app = createGateway({ config, db: rt.db, transport: rt.transport, log: rt.log, health: rt.health, publicRoutes: true })
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    async published() {
      const rows = (await rt.db.query<{ value: Uint8Array }>('SELECT value FROM event_log WHERE topic = $1 ORDER BY seq', [config.topicPrefix + Topics.ticketsIncoming])).rows
      return Promise.all(rows.map(async (r) => (await codec.decode(Topics.ticketsIncoming as Topic, Buffer.from(r.value))) as InboundMessage))
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
      await rt.close()
    },
  }
}
