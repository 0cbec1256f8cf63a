/**
 * npm run bench: measures, on this machine, the targets the brief names and prints the figures.
 *   1. knowledge-base vector search latency (target < 50 ms)
 *   2. submit -> reply visible under concurrent users (target P95 < 3 s, 100+ users)
 * Runs the whole product in-process on the configured mode (embedded by default; set
 * KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL for the real stack), or against a running
 * instance with BENCH_URL (loopback only).
 *
 *   BENCH_USERS (default 100), BENCH_ITERATIONS per user (default 3), BENCH_SEARCHES (default 200)
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../platform/config.js'
import { createLogger } from '../platform/log.js'
import { openRuntime } from '../platform/runtime.js'
import { startRoles, seedKnowledge, agentModels, ROLES } from '../bin/roles.js'
import { searchKnowledge } from '../pipelines/retrieval/searchKnowledge.js'
import { runLoad, percentile } from './driver.js'

const int = (v: string | undefined, d: number) => (v ? Number.parseInt(v, 10) : d)
const say = (s: string) => process.stdout.write(s + '\n')

async function main() {
  const users = int(process.env.BENCH_USERS, 100)
  const iterations = int(process.env.BENCH_ITERATIONS, 3)
  const searches = int(process.env.BENCH_SEARCHES, 200)
  let url = process.env.BENCH_URL
  let stop = async () => undefined as unknown
  let rt: Awaited<ReturnType<typeof openRuntime>> | undefined
  if (!url) {
    const env = { ...process.env }
    if (!env.KAFKA_BROKERS && !env.FTE_DATA_DIR) env.FTE_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'fte-bench-'))
    const config = loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: env.LOG_LEVEL ?? 'warn' })
    say(`starting the product in-process (${config.transport.kind}, ${config.database.kind}) ...`)
    rt = await openRuntime(config, createLogger(config.logLevel))
    const app = await startRoles(rt, ROLES)
    await seedKnowledge(rt)
    for (let i = 0; i < 200; i++) {
      const n = (await rt.db.query<{ n: number }>('SELECT count(DISTINCT article_id)::int AS n FROM knowledge_base')).rows[0]!.n
      if (n > 0) break
      await new Promise((r) => setTimeout(r, 100))
    }
    url = app.url!
    stop = async () => {
      await app.close()
      await rt!.close()
    }
  }

  if (rt) {
    const queries = ['forgot password cannot log in', 'export project csv', 'invite team members', 'slack notifications', 'two-factor authentication', 'recurring task monday']
    const { embedder } = agentModels(rt)
    const times: number[] = []
    for (let i = 0; i < searches; i++) {
      const t0 = process.hrtime.bigint()
      await searchKnowledge(rt.db, embedder, queries[i % queries.length]!, { minScore: rt.config.knowledgeMinScore })
      times.push(Number(process.hrtime.bigint() - t0) / 1e6)
    }
    times.sort((a, b) => a - b)
    say(`knowledge-base search (${rt.db.kind}, ${searches} queries): p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms  [target < 50 ms]`)
  }

  say(`load: ${users} concurrent users x ${iterations} submissions against ${url}`)
  let last = 0
  const report = await runLoad({
    baseUrl: url,
    users,
    iterations,
    onProgress: (done, total) => {
      const pct = Math.floor((done / total) * 10)
      if (pct > last) {
        last = pct
        process.stderr.write(`  ${done}/${total}\n`)
      }
    },
  })
  say(`submitted ${report.submitted}, replied ${report.replied}, failed ${report.failed} in ${report.wallSeconds.toFixed(1)} s (${report.throughputPerSecond.toFixed(1)} replies/s)`)
  say(`submit accepted: p50 ${report.submitMs.p50} ms, p95 ${report.submitMs.p95} ms, max ${report.submitMs.max} ms`)
  say(`submit -> reply visible: p50 ${report.replyMs.p50} ms, p95 ${report.replyMs.p95} ms, p99 ${report.replyMs.p99} ms, max ${report.replyMs.max} ms  [target P95 < 3000 ms]`)
  say(`memory: rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`)
  await stop()
  process.exit(report.failed ? 1 : 0)
}

main().catch((err) => {
  console.error('bench failed:', err)
  process.exit(1)
})
