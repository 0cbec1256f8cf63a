import type { Config } from '../../platform/config.js'
import type { Queryable } from '../../platform/db.js'
import type { Logger } from '../../platform/log.js'
import type { Transport } from '../../platform/transport/contract.js'
import type { Health } from '../../platform/health.js'

/** What every router of the gateway is given: one shape, so the assembly can mount them alike. */
export interface GatewayDeps {
  config: Config
  db: Queryable
  transport: Transport
  log: Logger
  /** What GET /ready reports (started, draining, dependencies, stalled partitions). */
  health: Health
}
