/**
 * npm run bench: measures, on this machine, the targets the brief names and prints the figures.
 *   1. knowledge-base vector search latency (target < 50 ms)
 *   2. submit -> reply visible under concurrent users (target P95 < 3 s, 100+ users)
 * Runs the whole product in-process on the configured mode (embedded by default; set
 * KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL for the real stack), or against a running
 * instance with BENCH_URL (loopback only).
 *
 *   3. the same at a fixed arrival rate (an open model: submissions keep coming whether or not
 *      earlier ones were answered), beside a bare kafkajs relay through as many hops (loadtest/relay.ts);
 *      its driver runs in a process of its own (loadtest/arrivals.ts), so the CPU per ticket
 *      printed for this process is the product's
 *
 *   BENCH_USERS (default 100), BENCH_ITERATIONS per user (default 3), BENCH_SEARCHES (default 200),
 *   BENCH_POLL_MS (default 1000: how often each virtual user polls its ticket),
 *   BENCH_RATE (default 100 submissions/s) and BENCH_SECONDS (default 30) for the open model
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../platform/config.js'
import { createLogger } from '../platform/log.js'
import { openRuntime } from '../platform/runtime.js'
import { embedderFor } from '../bin/roles.js'
import { startSeeded } from '../testing/seeded.js'
import { searchKnowledge } from '../pipelines/retrieval/searchKnowledge.js'
import { runLoad, runArrivalsApart, percentile } from './driver.js'
import { runRelay, HOPS } from './relay.js'
import { Topics } from '../schemas/index.js'
import { cpuPerItem, cpuSecondsByProcess } from './cpu.js'

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
    // All virtual users come from one IP: lift the per-client form limit unless the run sets one.
    const config = loadConfig({ FTE_FORM_RATE_LIMIT: '10000', ...env, PORT: '0', FTE_METRICS_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: env.LOG_LEVEL ?? 'warn' })
    say(`starting the product in-process (${config.transport.kind}, ${config.database.kind}) ...`)
    rt = await openRuntime(config, createLogger(config.logLevel))
    const app = await startSeeded(rt)
    url = app.url!
    stop = async () => {
      await app.close()
      await rt!.close()
    }
  }

  if (rt) {
    const queries = ['forgot password cannot log in', 'export project csv', 'invite team members', 'slack notifications', 'two-factor authentication', 'recurring task monday']
    const embedder = await embedderFor(rt)
    const times: number[] = []
    for (let i = 0; i < searches; i++) {
      const t0 = process.hrtime.bigint()
      await searchKnowledge(rt.db, embedder, queries[i % queries.length]!, { minScore: embedder.minScore })
      times.push(Number(process.hrtime.bigint() - t0) / 1e6)
    }
    times.sort((a, b) => a - b)
    say(`knowledge-base search (${rt.db.kind}, ${embedder.model}, ${searches} queries, query embedding included): p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms  [target < 50 ms]`)
  }

  // The brief's latency is "message in to reply sent": the dispatcher records it per reply on
  // fte.metrics, exactly, whatever the polling granularity of the virtual users.
  const sent: number[] = []
  const byTicket = new Map<string, number>()
  let loadStarted = Date.now()
  const sub = rt
    ? await rt.transport.subscribe({
        group: `bench.latency.${Date.now()}`,
        topics: [Topics.metrics],
        // The latency is in the event, so reading it late changes nothing; reading it in bigger
        // batches keeps this reader's fetches and commits out of the product's CPU figures.
        restMs: 250,
        handle: async (e) => {
          const m = e.value
          if (m.name !== 'reply_latency_ms') return
          if (m.occurred_at >= loadStarted) sent.push(m.value)
          if (m.labels.ticket_id) byTicket.set(m.labels.ticket_id, m.value)
        },
      })
    : undefined
  loadStarted = Date.now()
  const pollMs = int(process.env.BENCH_POLL_MS, 1000)
  say(`load: ${users} concurrent users x ${iterations} submissions against ${url} (status polled every ${pollMs} ms, like the status page)`)
  let last = 0
  const report = await runLoad({
    baseUrl: url,
    users,
    iterations,
    pollMs,
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
  if (sub) {
    await new Promise((r) => setTimeout(r, 1000))
    sent.sort((a, b) => a - b)
    say(`message in -> reply sent (server side, ${sent.length} replies): p50 ${percentile(sent, 50)} ms, p95 ${percentile(sent, 95)} ms, p99 ${percentile(sent, 99)} ms, max ${sent.at(-1)} ms  [target P95 < 3000 ms]`)
  }
  say(`submit -> reply seen by the polling user: p50 ${report.replyMs.p50} ms, p95 ${report.replyMs.p95} ms, p99 ${report.replyMs.p99} ms, max ${report.replyMs.max} ms`)

  // The open model: a fixed arrival rate, as customers arrive; latency grows if the product falls behind.
  const rate = int(process.env.BENCH_RATE, 100)
  const seconds = int(process.env.BENCH_SECONDS, 30)
  say(`open model: ${rate} submissions/s for ${seconds} s against ${url}`)
  const cpuBefore = cpuSecondsByProcess()
  const tripsBefore = await roundTrips()
  // The driver runs in a process of its own: this one's CPU is then the product's alone.
  const open = await runArrivalsApart({ baseUrl: url, rate, seconds })
  say(`  accepted ${open.accepted}/${open.sent}, failed ${open.failed}; accept p50 ${open.acceptMs.p50} ms, p95 ${open.acceptMs.p95} ms, p99 ${open.acceptMs.p99} ms  [target p95 <= 50 ms]; driver behind schedule p95 ${open.scheduleLagMs.p95} ms`)
  let pipeline: number[] = []
  if (sub) {
    const deadline = Date.now() + 180_000
    while (open.tickets.some((t) => !byTicket.has(t)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250))
    await sub.stop()
    pipeline = open.tickets.map((t) => byTicket.get(t)).filter((v): v is number => v !== undefined).sort((a, b) => a - b)
    say(`  message in -> reply sent (${pipeline.length}/${open.accepted} replies): p50 ${percentile(pipeline, 50)} ms, p95 ${percentile(pipeline, 95)} ms, p99 ${percentile(pipeline, 99)} ms, max ${pipeline.at(-1)} ms  [target p95 <= 1000 ms]`)
    // What a ticket costs, wherever it is spent: on a small machine their sum bounds the rate.
    const cpuAfter = cpuSecondsByProcess()
    const tripsAfter = await roundTrips()
    if (rt && cpuBefore && cpuAfter) {
      const rows = cpuPerItem(cpuBefore, cpuAfter, pipeline.length)
      say(`  CPU per ticket (the others count when they run on this machine), ms: ${rows.map((r) => `${r.kind} ${r.ms.toFixed(1)}`).join(', ')}; the load driver, apart: ${((open.cpuSeconds * 1000) / Math.max(1, pipeline.length)).toFixed(1)}`)
    }
    // The round trips behind that CPU: each is a write, a wake-up of the other side and a read.
    const per = (n: number) => (n / Math.max(1, pipeline.length)).toFixed(2)
    const apis = [...tripsAfter.kafka].map(([api, n]) => [api, n - (tripsBefore.kafka.get(api) ?? 0)] as const).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1])
    const kafkaTotal = apis.reduce((sum, [, n]) => sum + n, 0)
    say(`  round trips per ticket: postgres ${per(tripsAfter.db - tripsBefore.db)} statements${rt?.db.kind === 'postgres' ? '' : ' (not counted on the embedded database)'}; kafka ${per(kafkaTotal)} requests${apis.length ? ` (${apis.map(([api, n]) => `${api} ${per(n)}`).join(', ')})` : ''}`)
  }
  if (rt?.config.transport.kind === 'kafka' && pipeline.length) {
    const relay = await runRelay({ brokers: rt.config.transport.brokers, rate, seconds })
    say(`bare kafkajs relay, ${HOPS} hops, ${rate}/s for ${seconds} s (${relay.arrived}/${relay.sent} through): p50 ${relay.ms.p50} ms, p95 ${relay.ms.p95} ms, p99 ${relay.ms.p99} ms`)
    say(`  pipeline / relay: p50 x${(percentile(pipeline, 50) / relay.ms.p50).toFixed(1)}, p95 x${(percentile(pipeline, 95) / relay.ms.p95).toFixed(1)}`)
  } else if (rt) say('bare kafkajs relay: skipped (runs on Kafka: set KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL)')
  if (rt) {
    // Where the time goes: mean handler time per consumer group in this run.
    const { registry } = await import('../platform/metrics.js')
    const h = (await registry.getMetricsAsJSON()).find((m) => m.name === 'fte_handler_duration_seconds')
    const sums = new Map<string, { sum: number; count: number }>()
    for (const v of (h?.values ?? []) as { labels: Record<string, string>; value: number; metricName?: string }[]) {
      const g = v.labels.group!
      const e = sums.get(g) ?? { sum: 0, count: 0 }
      if (v.metricName?.endsWith('_sum')) e.sum = v.value
      if (v.metricName?.endsWith('_count')) e.count = v.value
      sums.set(g, e)
    }
    say('mean handler time per consumer group: ' + [...sums].map(([g, e]) => `${g.replace('fte.', '')} ${((e.sum / Math.max(1, e.count)) * 1000).toFixed(1)} ms x${e.count}`).join(', '))
  }
  say(`memory: rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`)
  await stop()
  process.exit(report.failed ? 1 : 0)
}

main().catch((err) => {
  console.error('bench failed:', err)
  process.exit(1)
})

/** The process's statement and Kafka request counters (platform/metrics.ts), read from its registry. */
async function roundTrips(): Promise<{ db: number; kafka: Map<string, number> }> {
  const { registry } = await import('../platform/metrics.js')
  const all = await registry.getMetricsAsJSON()
  const values = (name: string) => (all.find((m) => m.name === name)?.values ?? []) as { labels: Record<string, string | number>; value: number }[]
  const kafka = new Map<string, number>()
  for (const v of values('fte_kafka_requests_total')) kafka.set(String(v.labels.api), v.value)
  return { db: values('fte_db_statements_total').reduce((sum, v) => sum + v.value, 0), kafka }
}
