import { loadConfig, ConfigError } from '../platform/config.js'
import { createLogger } from '../platform/log.js'
import { openRuntime } from '../platform/runtime.js'
import { ROLES, startRoles, seedKnowledge, localModelFiles, type Role } from './roles.js'
import { ModelDownloadError } from '../platform/embedding/modelFiles.js'
import { listDeadLetters, replayDeadLetters } from './deadLetters.js'
import { gmailCommand, GMAIL_USAGE } from '../gateways/gmail/watchCommand.js'
import { staffCommand, STAFF_USAGE } from './staffCommand.js'
import { StaffError } from '../gateways/staff/accounts.js'
import { rebuildCommand, RebuildUsageError, REBUILD_USAGE } from './rebuildCommand.js'
import { RebuildError } from '../platform/rebuild.js'

const USAGE = `usage: fte <command>

  all                      every role in one process (what npm start runs)
  <role>[,<role>...]       some roles: ${ROLES.join(', ')}
  migrate                  apply database migrations and exit
  seed                     publish the demo knowledge base and exit
  models                   fetch the local embedding model (else fetched on first start)
  dlq list                 list dead letters (projected from fte.dlq)
  dlq replay <id>|--all    put dead letters back on their source topic
  ${GMAIL_USAGE}
  ${STAFF_USAGE}
  ${REBUILD_USAGE}

Configuration comes from the environment; see docs/configuration.md.`

async function main(argv: string[]) {
  const [command, ...rest] = argv
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE)
    return
  }
  const config = loadConfig()
  const log = createLogger(config.logLevel)
  const started = Date.now()

  if (command === 'models') {
    const files = await localModelFiles(config, log)
    console.log(files ? `local embedding model ready: ${files.onnx}` : 'FTE_LOCAL_EMBEDDING=hash: no model to fetch')
    return
  }

  if (command === 'migrate' || command === 'seed' || command === 'dlq' || command === 'gmail' || command === 'staff' || command === 'rebuild') {
    const rt = await openRuntime(config, log)
    try {
      if (command === 'seed') console.log(`published ${await seedKnowledge(rt)} knowledge-base articles`)
      else if (command === 'dlq' && rest[0] === 'list') await listDeadLetters(rt)
      else if (command === 'dlq' && rest[0] === 'replay' && rest[1]) await replayDeadLetters(rt, rest[1])
      else if (command === 'dlq') throw new UsageError('dlq needs "list" or "replay <id>|--all"')
      else if (command === 'staff') await staffCommand(rt, rest).catch((err: Error) => { throw err instanceof StaffError ? new UsageError(err.message) : err })
      else if (command === 'rebuild') await rebuildCommand(rt, rest).catch((err: Error) => { throw err instanceof RebuildUsageError ? new UsageError(err.message) : err })
      else if (command === 'gmail') await gmailCommand(rt, rest).catch((err: Error) => { throw new UsageError(err.message) })
      else console.log('database is up to date')
    } finally {
      await rt.close()
    }
    return
  }

  const roles = command === 'all' ? [...ROLES] : command.split(',').map((r) => r.trim())
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r))
  if (unknown.length) throw new UsageError(`unknown role ${unknown.join(', ')}`)

  const where =
    config.transport.kind === 'kafka'
      ? `Kafka ${config.transport.brokers.join(',')}, registry ${config.transport.schemaRegistryUrl}, Postgres`
      : `embedded: PGlite + durable log in ${config.dataDir}`
  log.info('starting', { roles, mode: where })
  if (config.ticketSecretIsDefault && config.transport.kind === 'kafka') {
    log.warn('FTE_TICKET_SECRET is not set: using the development secret; set it in production')
  }
  const rt = await openRuntime(config, log)
  const running = await startRoles(rt, roles as Role[])
  if (command === 'all' && config.seedKnowledge) await seedKnowledge(rt)

  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  log.info('ready', { roles, url: running.url, seconds })
  if (running.url && process.stdout.isTTY) {
    console.log(`\nCustomer Success FTE is ready in ${seconds}s at ${running.url} (${where})`)
    console.log(`  try: curl -s -XPOST ${running.url}/support/submit -H 'content-type: application/json' \\`)
    console.log(`         -d '{"name":"Ada","email":"ada@example.com","subject":"Password","category":"technical","message":"I forgot my password and cannot log in"}'\n`)
  }

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    const stoppedAt = Date.now()
    stopping = true
    // Not ready from now on; keep serving for the drain delay so the load balancer moves on,
    // then stop intake, let in-flight requests and events finish and commit, within a bound.
    rt.health.drain()
    const { drainDelayMs, timeoutMs } = config.shutdown
    log.info('stopping', { signal, drain_delay_ms: drainDelayMs, timeout_ms: timeoutMs })
    setTimeout(() => {
      log.error('shutdown did not finish in time; exiting (uncommitted events are delivered again)', { timeout_ms: timeoutMs })
      process.exit(1)
    }, timeoutMs).unref()
    if (drainDelayMs) await new Promise((r) => setTimeout(r, drainDelayMs))
    await running.close()
    await rt.close()
    log.info('stopped', { signal, seconds: ((Date.now() - stoppedAt) / 1000).toFixed(1) })
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ModelDownloadError) {
    console.error(`fte: ${err.message}`)
    process.exit(1)
  }
  if (err instanceof RebuildError) {
    console.error(`fte rebuild: ${err.message}`)
    process.exit(1)
  }
  if (err instanceof ConfigError || err instanceof UsageError) {
    console.error(`fte: ${err.message}\n`)
    if (err instanceof UsageError) console.error(USAGE)
    process.exit(2)
  }
  console.error('fte: failed to start:', err instanceof Error ? err.stack ?? err.message : err)
  process.exit(1)
})
