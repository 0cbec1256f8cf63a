/**
 * npm run eval: runs the labelled demo cases through the real pipeline (embedded mode, every role,
 * the same code as production) and prints how good the agent's judgement is, for the dev split
 * (what rules may be tuned on) and the test split (the figures to quote; evalSplit.ts):
 * escalation precision and recall, escalation rate, answer-topic hit rate at 1, out-of-scope
 * questions handed over, calm questions escalated as upset, angry ones let through, identity
 * accuracy on the multi-channel scenarios, p50/p95 decision latency, and every case it got wrong.
 * `npm run eval -- --split test` prints one split only; `--dump <file>` also writes what retrieval
 * found and what was decided for every message, as JSON lines, for fitting thresholds on dev.
 *
 * With OPENAI_API_KEY set it runs the OpenAI path (chat and embeddings). `--openai-stand-in` runs
 * that path against the local OpenAI stand-in instead, which embeds lexically and answers from the
 * passages it is sent: its figures check the wiring, not the model (docs/agent.md).
 *
 * Web-form samples go through POST /support/submit; email and WhatsApp samples are published on
 * fte.tickets.incoming as their gateways would publish them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../platform/config.js'
import { createLogger } from '../platform/log.js'
import { openRuntime } from '../platform/runtime.js'
import { stableId } from '../platform/ids.js'
import { startSeeded } from '../testing/seeded.js'
import { Topics, type AgentDecision, type CustomerIdentified, type InboundMessage, type KnowledgeRetrieved } from '../schemas/index.js'
import { percentile } from '../loadtest/driver.js'
import { SAMPLES, IDENTITY_SCENARIOS, type Sample } from './samples.js'
import { EVAL_CASES } from './evalCases.js'
import { startOpenAiStandIn } from '../testing/standIns/openAi.js'
import { splitCases, SPLIT_SEED, type Split } from './evalSplit.js'

const say = (s = '') => process.stdout.write(s + '\n')
const pct = (x: number) => `${(x * 100).toFixed(1)} %`

const only = (() => {
  const i = process.argv.indexOf('--split')
  const v = i >= 0 ? process.argv[i + 1] : undefined
  if (i >= 0 && v !== 'dev' && v !== 'test') throw new Error('--split takes dev or test')
  return v as Split | undefined
})()

const waitFor = async (ids: string[], map: Map<string, unknown>, what: string, timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs
  while (ids.some((id) => !map.has(id))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${ids.filter((id) => !map.has(id)).length} missing`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * Every role in embedded mode on a data directory of its own, the demo knowledge base projected,
 * and what the pipeline decided, collected by inbound event id.
 */
async function openPipeline(env: Record<string, string | undefined>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fte-eval-'))
  // Every sample comes from this one address: the per-client form limit is lifted.
  const config = loadConfig({ FTE_FORM_RATE_LIMIT: '10000', ...env, FTE_DATA_DIR: dataDir, PORT: '0', FTE_METRICS_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' })
  if (config.transport.kind !== 'embedded') throw new Error('npm run eval runs in embedded mode: unset KAFKA_BROKERS')
  const rt = await openRuntime(config, createLogger(config.logLevel))
  // Every article projected before the first question: the eval measures judgement, not a race.
  const app = await startSeeded(rt, { timeoutMs: 120_000 })

  const decisions = new Map<string, AgentDecision>()
  const retrieved = new Map<string, KnowledgeRetrieved>()
  const identified = new Map<string, CustomerIdentified>()
  const mergedInto = new Map<string, string>()
  const subs = [
    await rt.transport.subscribe({ group: 'eval.decisions', topics: [Topics.agentDecisions], handle: async (e) => void decisions.set(e.value.context.inbound.event_id, e.value) }),
    await rt.transport.subscribe({ group: 'eval.retrieved', topics: [Topics.knowledgeRetrieved], handle: async (e) => void retrieved.set(e.value.context.inbound.event_id, e.value) }),
    await rt.transport.subscribe({ group: 'eval.identity', topics: [Topics.customersIdentified], handle: async (e) => void identified.set(e.value.context.inbound.event_id, e.value) }),
    await rt.transport.subscribe({
      group: 'eval.merges',
      topics: [Topics.customersMerged],
      handle: async (e) => {
        const m = e.value
        for (const id of m.merged_ids) mergedInto.set(id, m.survivor_id)
      },
    }),
  ]

  // A message as its channel delivers it: web form through the HTTP gateway, others on the topic.
  const sentAt = new Map<string, number>()
  async function send(id: string, m: Pick<Sample, 'channel' | 'sender' | 'subject' | 'content'>): Promise<string> {
    const started = Date.now()
    if (m.channel === 'web_form') {
      const res = await fetch(`${app.url}/support/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: m.sender.name ?? 'Customer', email: m.sender.email, ...(m.sender.phone ? { phone: m.sender.phone } : {}), subject: m.subject ?? 'Question', category: 'general', message: m.content }),
      })
      if (res.status !== 202) throw new Error(`${id}: submit answered ${res.status} ${await res.text()}`)
      const { ticket_id } = (await res.json()) as { ticket_id: string }
      const eventId = stableId('inbound', 'web_form', ticket_id)
      sentAt.set(eventId, started)
      return eventId
    }
    const inbound: InboundMessage = {
      event_id: stableId('eval', id),
      occurred_at: started,
      channel: m.channel,
      channel_message_id: `eval-${id}`,
      ticket_id: null,
      // As the Gmail (DKIM passed) and WhatsApp (Twilio-signed) gateways would deliver it.
      sender: { ...m.sender, verified: true },
      subject: m.subject,
      category: null,
      priority: null,
      content: m.content,
      thread_id: null,
    }
    await rt.transport.publish([{ topic: Topics.ticketsIncoming, key: m.sender.email ?? m.sender.phone, value: inbound }])
    sentAt.set(inbound.event_id, started)
    return inbound.event_id
  }

  return {
    config, decisions, retrieved, identified, mergedInto, sentAt, send,
    async close() {
      await Promise.all(subs.map((s) => s.stop()))
      await app.close()
      await rt.close()
    },
  }
}

async function main() {
  const splits = splitCases(SAMPLES, EVAL_CASES)
  const cases = only ? splits[only] : [...splits.dev, ...splits.test]
  const standIn = process.argv.includes('--openai-stand-in') ? await startOpenAiStandIn() : null
  const openAi = standIn ? { OPENAI_API_KEY: 'sk-eval-stand-in', OPENAI_BASE_URL: standIn.baseUrl } : {}
  const env = { ...process.env, ...openAi }
  const labelled = await openPipeline(env)
  const { config, decisions, retrieved, sentAt, send } = labelled
  say(`evaluating ${cases.length} labelled messages (dev ${splits.dev.length}, test ${splits.test.length}; split seed ${SPLIT_SEED}) and ${IDENTITY_SCENARIOS.length} identity scenarios (${config.openai ? `OpenAI ${config.openai.chatModel} + ${config.openai.embeddingModel}${standIn ? ' (the local stand-in: wiring only)' : ''}` : `offline responder, local embedding: ${config.localEmbedding.kind === 'hash' ? 'lexical hashing' : config.localEmbedding.model}${config.knowledgeMinScore === undefined ? '' : `, min score ${config.knowledgeMinScore}`}`})`)

  // 1. The labelled messages, one after another as customers would write over a day.
  const eventIds = new Map<string, string>()
  for (const s of cases) {
    const id = await send(s.id, s)
    eventIds.set(s.id, id)
    await waitFor([id], decisions, `decision for ${s.id}`)
  }

  // 2. Identity scenarios: messages in order; "same person" must mean "same customer" after merges.
  // On a pipeline of their own: a scenario's person is new to us, and a labelled message from the
  // same address would already have made them a customer.
  const people = await openPipeline(env)
  const { identified, mergedInto } = people
  const finalCustomer = (id: string) => {
    let c = id
    while (mergedInto.has(c)) c = mergedInto.get(c)!
    return c
  }
  const identityResults: { id: string; ok: boolean; detail: string }[] = []
  for (const sc of IDENTITY_SCENARIOS) {
    const simultaneous = /at once|simultaneous|same moment|same time/i.test(sc.description)
    const ids: string[] = []
    if (simultaneous) ids.push(...(await Promise.all(sc.messages.map((m, i) => people.send(`${sc.id}-${i}`, m)))))
    else for (const [i, m] of sc.messages.entries()) {
      ids.push(await people.send(`${sc.id}-${i}`, m))
      await waitFor([ids.at(-1)!], identified, `identity for ${sc.id}`)
    }
    await waitFor(ids, identified, `identity for ${sc.id}`)
    await waitFor(ids, people.decisions, `decisions for ${sc.id}`)
    const customers = ids.map((id) => finalCustomer(identified.get(id)!.context.customer_id))
    let ok = true
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const samePerson = sc.messages[i]!.person === sc.messages[j]!.person
        if (samePerson !== (customers[i] === customers[j])) ok = false
      }
    identityResults.push({ id: sc.id, ok, detail: `${sc.description} -> customers ${customers.map((c) => c.slice(0, 8)).join(', ')}` })
  }

  const dumpAt = process.argv.indexOf('--dump')
  if (dumpAt >= 0) {
    const file = process.argv[dumpAt + 1]
    if (!file) throw new Error('--dump needs a file')
    await waitFor(cases.map((c) => eventIds.get(c.id)!), retrieved, 'retrieval results')
    const testIds = new Set(splits.test.map((c) => c.id))
    const lines = cases.map((c) => {
      const r = retrieved.get(eventIds.get(c.id)!)!
      const d = decisions.get(eventIds.get(c.id)!)!
      return JSON.stringify({
        id: c.id, split: testIds.has(c.id) ? 'test' : 'dev', channel: c.channel, expect: c.expect, searches: r.searches,
        hits: r.hits.map((h) => ({ article_id: h.article_id, similarity: h.similarity ?? null, score: h.score })),
        decided: { action: d.action, reason: d.reason, cited: d.cited_article_ids[0] ?? null },
      })
    })
    writeFileSync(file, lines.join('\n') + '\n')
    say(`wrote ${lines.length} lines to ${file}`)
  }

  // 3. Scores, per split.
  const identity = identityResults.filter((r) => r.ok).length / Math.max(1, identityResults.length)
  const mark = (ok: boolean) => (ok ? 'MET ' : 'MISS')
  const short = (t: string) => t.replace(/\s+/g, ' ').slice(0, 90)
  for (const split of only ? [only] : (['dev', 'test'] as const)) {
    const set = splits[split]
    let tp = 0, fp = 0, fn = 0, hits = 0, answerable = 0, escalated = 0, outOfScope = 0, handedOver = 0, angry = 0, angryCaught = 0, calmAsUpset = 0
    const wrong: string[] = []
    const latencies: number[] = []
    for (const s of set) {
      const d = decisions.get(eventIds.get(s.id)!)!
      latencies.push(d.occurred_at - sentAt.get(eventIds.get(s.id)!)!)
      const predicted = d.action === 'escalate'
      if (predicted) escalated++
      if (s.expect.action === 'escalate') {
        if (s.expect.reason === 'no_relevant_knowledge') {
          outOfScope++
          if (predicted) handedOver++
        }
        if (s.expect.reason === 'negative_sentiment') {
          angry++
          if (predicted) angryCaught++
        }
        if (predicted) tp++
        else {
          fn++
          wrong.push(`${s.id} [${s.channel}] expected escalation (${s.expect.reason}), got a reply citing ${d.cited_article_ids.join(',') || 'nothing'}: ${short(s.content)}`)
        }
        if (predicted && d.reason !== s.expect.reason) wrong.push(`${s.id} [${s.channel}] escalated as ${d.reason}, labelled ${s.expect.reason} (counts as a correct escalation)`)
      } else {
        answerable++
        if (predicted) {
          fp++
          if (d.reason === 'negative_sentiment') calmAsUpset++
          wrong.push(`${s.id} [${s.channel}] expected an answer from ${s.expect.article_id}, escalated as ${d.reason}: ${short(s.content)}`)
        } else if (d.cited_article_ids[0] === s.expect.article_id) hits++
        else wrong.push(`${s.id} [${s.channel}] answered from ${d.cited_article_ids[0]}, expected ${s.expect.article_id}: ${short(s.content)}`)
      }
    }
    // Latency from messages decided one at a time, not a load test: see npm run bench for that.
    latencies.sort((a, b) => a - b)
    const precision = tp / Math.max(1, tp + fp)
    const recall = tp / Math.max(1, tp + fn)
    const topic = hits / Math.max(1, answerable)
    const oos = handedOver / Math.max(1, outOfScope)
    say()
    say(`== ${split} (${set.length} messages${split === 'dev' ? '; the rules may be tuned on these' : '; never tuned on: quote these'})`)
    say(`escalation recall     ${pct(recall)}  (${tp}/${tp + fn})          target >= 98 %   ${mark(recall >= 0.98)}`)
    say(`escalation precision  ${pct(precision)}  (${tp}/${tp + fp})          target >= 90 %   ${mark(precision >= 0.9)}`)
    say(`escalation rate       ${pct(escalated / Math.max(1, set.length))}  (${escalated}/${set.length}; labelled ${pct((tp + fn) / Math.max(1, set.length))})`)
    say(`topic hit rate @1     ${pct(topic)}  (${hits}/${answerable})          target >= 92 %   ${mark(topic >= 0.92)}`)
    say(`out of scope handed   ${pct(oos)}  (${handedOver}/${outOfScope})          target >= 95 %   ${mark(oos >= 0.95)}`)
    say(`calm as upset         ${calmAsUpset} answerable message(s) escalated as negative_sentiment   target 0   ${mark(calmAsUpset === 0)}`)
    say(`angry handed over     ${angryCaught}/${angry}          target all   ${mark(angryCaught === angry)}`)
    say(`decision latency      p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms (message in -> decision, one at a time)`)
    say(wrong.length ? `cases the agent got wrong (${wrong.length}):` : 'no wrong cases')
    for (const w of wrong) say(`  - ${w}`)
  }
  say()
  say(`identity accuracy     ${pct(identity)}  (${identityResults.filter((r) => r.ok).length}/${identityResults.length} scenarios)   target 100 %     ${mark(identity === 1)}`)
  for (const r of identityResults.filter((x) => !x.ok)) say(`  - identity ${r.id}: ${r.detail}`)

  await people.close()
  await labelled.close()
  if (standIn) {
    const chats = standIn.requests.filter((r) => r.path.endsWith('/chat/completions')).length
    const embeds = standIn.requests.filter((r) => r.path.endsWith('/embeddings')).length
    say(`OpenAI stand-in: ${chats} chat completions and ${embeds} embedding requests went through the official client`)
    await standIn.close()
  }
}

main().catch((err) => {
  console.error('eval failed:', err)
  process.exit(1)
})
