/**
 * /metrics after real traffic on the real stack (Kafka, registry, Postgres; OpenAI through its
 * stand-in): Prometheus' own `promtool check metrics` accepts the exposition, and the series the
 * dashboard (docs/grafana/fte-dashboard.json) reads are there with their labels.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { openRuntime, type Runtime } from './runtime.js'
import type { Running } from '../bin/roles.js'
import { startSeeded } from '../testing/seeded.js'
import { eventually, freshDatabase, noStack, stack, testConfig, testLog, uniqueName } from '../testing/stack.js'
import { startOpenAiStandIn, type OpenAiStandIn } from '../testing/standIns/openAi.js'

const promtool = process.env.FTE_TEST_PROMTOOL
const DASHBOARD = new URL('../docs/grafana/fte-dashboard.json', import.meta.url)

describe('metrics', { skip: noStack ?? (promtool ? undefined : 'run through `npm test`, which fetches promtool') }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>
  let standIn: OpenAiStandIn
  let rt: Runtime
  let app: Running
  let exposition = ''

  before(async () => {
    database = await freshDatabase()
    standIn = await startOpenAiStandIn()
    standIn.mode = 'answer'
    rt = await openRuntime(testConfig({
      KAFKA_BROKERS: stack.kafkaBrokers!, SCHEMA_REGISTRY_URL: stack.registryUrl!, DATABASE_URL: database.url, FTE_TOPIC_PREFIX: uniqueName('m') + '.',
      OPENAI_API_KEY: 'sk-test-standin', OPENAI_BASE_URL: standIn.baseUrl,
    }), testLog())
    app = await startSeeded(rt)
    const submit = async (message: string) => {
      const res = await fetch(`${app.url}/support/submit`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ada', email: 'ada@example.com', subject: 'Help', category: 'billing', message }),
      })
      assert.equal(res.status, 202)
      return ((await res.json()) as { ticket_id: string }).ticket_id
    }
    const tickets = [await submit('I forgot my password and cannot log in'), await submit('I was charged twice this month and I want a refund.')]
    for (const id of tickets) {
      await eventually(async () => {
        const v = (await (await fetch(`${app.url}/support/ticket/${id}`)).json()) as { messages: { direction: string }[] }
        return v.messages.some((m) => m.direction === 'outbound')
      }, { what: `the reply on ${id}`, timeoutMs: 60_000 })
    }
    // The reply is on the ticket once projected; the dispatch stage records its latency as it sends.
    exposition = await eventually(async () => {
      const text = await (await fetch(`${app.metricsUrl}/metrics`)).text()
      return /fte_reply_latency_seconds_count\{channel="web_form"\} [1-9]/.test(text) ? text : null
    }, { what: 'the reply latency of the sent replies' })
  })

  after(async () => {
    await app?.close()
    await rt?.close()
    await standIn?.close()
    await database?.drop()
  })

  it('passes promtool check metrics', () => {
    const r = spawnSync(promtool!, ['check', 'metrics'], { input: exposition, encoding: 'utf8' })
    assert.equal(r.status, 0, `promtool: ${r.stdout}${r.stderr}`)
    assert.equal(`${r.stdout}${r.stderr}`.trim(), '', 'no lint findings')
  })

  it('is checked by a promtool that does find faults', () => {
    // A counter without _total is a lint finding: the check above could fail.
    const r = spawnSync(promtool!, ['check', 'metrics'], { input: '# HELP requests Requests\n# TYPE requests counter\nrequests 1\n', encoding: 'utf8' })
    assert.notEqual(r.status, 0, 'promtool flags a counter named without _total')
  })

  it('has the series operators watch, with their labels', () => {
    const expected: RegExp[] = [
      /^fte_reply_latency_seconds_bucket\{le="[^"]+",channel="web_form"\} /m,
      /^fte_handler_duration_seconds_bucket\{le="[^"]+",group="fte\.decision"\} /m,
      /^fte_consumer_lag_events\{group="fte\.decision",topic="fte\.knowledge\.retrieved",partition="0"\} \d+/m,
      /^fte_events_published_total\{topic="[^"]+"\} [1-9]/m,
      /^fte_events_handled_total\{group="fte\.dispatch\.web_form",topic="[^"]+",outcome="ok"\} [1-9]/m,
      /^fte_escalations_total\{reason="refund",channel="web_form"\} 1$/m,
      /^fte_openai_tokens_total\{model="gpt-4o-mini",kind="completion"\} [1-9]/m,
      /^fte_openai_tokens_total\{model="text-embedding-3-small",kind="prompt"\} [1-9]/m,
      /^fte_breaker_open\{channel="email"\} 0$/m,
    ]
    for (const re of expected) assert.match(exposition, re)
  })

  it('feeds every panel of the Grafana dashboard', () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] }
    // Declared metrics, whether or not they have a sample yet (no dead letters in this run).
    const names = new Set([...exposition.matchAll(/^# TYPE (\w+) /gm)].map((m) => m[1]!))
    const panels = dashboard.panels.filter((p) => p.targets?.length)
    assert.ok(panels.length >= 8, `${panels.length} panels with queries`)
    for (const p of panels) {
      for (const t of p.targets!) {
        const used = [...t.expr.matchAll(/\b(fte_\w+?)(?:_bucket|_count|_sum)?\b(?=[{[\s)]|$)/g)].map((m) => m[1]!)
        assert.ok(used.length, `${p.title}: its query reads an fte_ metric`)
        for (const n of used) assert.ok(names.has(n), `${p.title}: ${n} is exposed`)
      }
    }
  })
})
