/**
 * npm run soak -- --duration 20m   (any duration: 90s, 20m, 24h)
 *
 * The product as ops run it, on the real stack (Kafka, the registry, Postgres; started with
 * scripts/stack/up.sh unless KAFKA_BROKERS, SCHEMA_REGISTRY_URL and DATABASE_URL are set): a
 * gateway process and two worker processes (every other role), with the Twilio and Google
 * stand-ins as WhatsApp and Gmail. Customers write in the brief's mix: the web form, email and
 * WhatsApp, many of them on more than one channel; a staff member answers what is handed over.
 * Meanwhile, in turn: a worker is SIGKILLed, the workers are restarted one after the other
 * (SIGTERM, as a rolling deploy does), the broker is SIGKILLed and restarted, and the database is
 * crash-stopped and restarted (scripts/stack/chaos.sh).
 *
 * Every customer writes one message at a time and waits for the reply before the next, like a
 * person; a refused request is retried as a client would (the web form with its Idempotency-Key,
 * Twilio with the same MessageSid, Gmail's push again). The verdict (soakReport.ts) compares sets
 * of ids: messages in against replies out plus escalations, and what each customer received
 * against what they should have. Exit status 0 only when nothing was lost or sent twice.
 *
 *   --duration D      how long customers keep writing (default 20m); then up to --drain for the rest
 *   --rate N          new messages per second (default 5)
 *   --persons N       customers (default 300)
 *   --chaos-every D   time between faults (default 2m); --chaos none|worker,rolling,broker,database
 *   --drain D         how long to wait for the last replies (default 3m)
 *   --keep            keep the soak's database (fte_soak_*) for inspection
 */
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { startProviderStandIns, type ProviderStandIns } from '../testing/standIns/providers.js'
import { staffMember } from '../testing/staff.js'
import { startRoleProcess, type RoleProcess } from '../testing/processes.js'
import { ARTICLES } from '../demo/articles.js'
import { formatSoakReport, soakReport, type SentMessage, type SoakChannel } from './soakReport.js'
import { percentile } from './driver.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const run = promisify(execFile)
const say = (s: string) => void process.stdout.write(`[soak ${clock()}] ${s}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const t0 = Date.now()
const clock = () => {
  const s = Math.floor((Date.now() - t0) / 1000)
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}

// What customers ask: mostly what the knowledge base answers, some hand-overs by the brief's rules.
const QUESTIONS = [
  'I forgot my password and cannot log in to my account.',
  'How do I export my project to CSV?',
  'How can I invite my team members to the workspace?',
  'How do I turn on two-factor authentication?',
  'Where do I change my notification settings?',
  'How do I create a recurring task?',
  'Can I connect the app to Slack?',
  'How do I change my plan?',
]
const HANDOVERS = [
  'I want a refund for last month, I was charged twice.',
  'Please let me talk to a human, this is urgent.',
  'Our lawyer will be in touch about the data you lost.',
]

type Chaos = 'worker' | 'rolling' | 'broker' | 'database'
interface Args { durationMs: number; rate: number; persons: number; chaosEveryMs: number; chaos: Chaos[]; drainMs: number; keep: boolean }

function duration(s: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(s)
  if (!m) throw new Error(`${flag}: a duration like 90s, 20m or 24h, not "${s}"`)
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms']
}

function parseArgs(argv: string[]): Args {
  const a: Args = { durationMs: 20 * 60_000, rate: 5, persons: 300, chaosEveryMs: 120_000, chaos: ['worker', 'rolling', 'broker', 'database'], drainMs: 180_000, keep: false }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${flag} needs a value`)
      return v
    }
    if (flag === '--duration') a.durationMs = duration(value(), flag)
    else if (flag === '--rate') a.rate = Number(value())
    else if (flag === '--persons') a.persons = Number(value())
    else if (flag === '--chaos-every') a.chaosEveryMs = duration(value(), flag)
    else if (flag === '--drain') a.drainMs = duration(value(), flag)
    else if (flag === '--keep') a.keep = true
    else if (flag === '--chaos') {
      const v = value()
      a.chaos = v === 'none' ? [] : (v.split(',') as Chaos[])
      const bad = a.chaos.filter((c) => !['worker', 'rolling', 'broker', 'database'].includes(c))
      if (bad.length) throw new Error(`--chaos: none, or some of worker,rolling,broker,database; not ${bad.join(',')}`)
    } else throw new Error(`unknown argument ${flag} (see the header of loadtest/soak.ts)`)
  }
  if (!(a.rate > 0 && a.rate <= 200)) throw new Error('--rate: between 0 and 200 messages per second')
  if (!(Number.isInteger(a.persons) && a.persons >= 3)) throw new Error('--persons: a whole number, at least 3')
  return a
}

/** The stack's addresses: the caller's, or those scripts/stack/up.sh prints (starting what is missing). */
async function stackEnv(): Promise<{ KAFKA_BROKERS: string; SCHEMA_REGISTRY_URL: string; DATABASE_URL: string }> {
  const { KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL } = process.env
  if (KAFKA_BROKERS && SCHEMA_REGISTRY_URL && DATABASE_URL) return { KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL }
  say('bringing up the local stack (scripts/stack/up.sh) ...')
  const { stdout } = await run('bash', [path.join(ROOT, 'scripts/stack/up.sh')], { maxBuffer: 1 << 20 })
  const env = Object.fromEntries(stdout.trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]))
  return env as Awaited<ReturnType<typeof stackEnv>>
}

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const id = randomBytes(3).toString('hex')
  const logDir = mkdtempSync(path.join(tmpdir(), `fte-soak-${id}-`))
  const stack = await stackEnv()
  const dbName = `fte_soak_${id}`
  const admin = new pg.Client({ connectionString: stack.DATABASE_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${dbName}`)
  await admin.end()
  const dbUrl = new URL(stack.DATABASE_URL)
  dbUrl.pathname = `/${dbName}`
  const db = new pg.Pool({ connectionString: dbUrl.toString(), max: 4 })
  db.on('error', () => undefined) // the database restarts are the point; queries are retried

  const providers = await startProviderStandIns(`soak${id}`)
  providers.google.pageSize = 100
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>), ...providers.env,
    KAFKA_BROKERS: stack.KAFKA_BROKERS, SCHEMA_REGISTRY_URL: stack.SCHEMA_REGISTRY_URL, DATABASE_URL: dbUrl.toString(), FTE_TOPIC_PREFIX: `soak_${id}.`,
    HOST: '127.0.0.1', FTE_METRICS_PORT: '0', LOG_LEVEL: 'info', FTE_SEED_KNOWLEDGE: 'false', FTE_FORM_RATE_LIMIT: '10000',
    // A web-form reply's copy by email would arrive in the same inbox as the customer's Gmail replies.
    FTE_EMAIL_COPY_LIMIT: '0',
  }
  say(`logs of the product's processes in ${logDir}; database ${dbName}; topics soak_${id}.*`)

  const procs = new Map<string, RoleProcess>()
  const start = async (name: string, roles: string) => {
    const p = await startRoleProcess({ name, roles, env, logFile: path.join(logDir, `${name}.log`) })
    procs.set(name, p)
    return p
  }
  const readyOf = async (url: string) => (await fetch(`${url}/ready`).catch(() => null))?.status === 200
  const WORKER_ROLES = 'identity,retrieval,decision,dispatch,projections'

  const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => {
    for (let i = 0; ; i++) {
      try {
        return (await db.query<T>(sql, params)).rows
      } catch (err) {
        if (i >= 120) throw err
        await sleep(1000)
      }
    }
  }

  const shutdown = async () => {
    await Promise.all([...procs.values()].map((p) => p.stop()))
    await providers.close()
    await db.end().catch(() => undefined)
    if (!args.keep) {
      const c = new pg.Client({ connectionString: stack.DATABASE_URL })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
      await c.end()
    } else say(`kept database ${dbName}`)
  }

  try {
    say('starting the gateway, then publishing the knowledge base and starting two workers ...')
    const gateway = await start('gateway', 'gateway')
    await gateway.ready()
    const base = gateway.url
    await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin/fte.ts'), 'seed'], { cwd: ROOT, env: { ...env, PORT: '0', LOG_LEVEL: 'warn' } })
    await Promise.all(['worker-1', 'worker-2'].map(async (n) => (await start(n, WORKER_ROLES)).ready()))
    while (((await q<{ n: number }>('SELECT count(DISTINCT article_id)::int AS n FROM knowledge_base'))[0]?.n ?? 0) < ARTICLES.length) await sleep(500)
    const staff = await staffMember({ query: async <T,>(sql: string, params?: unknown[]) => (await db.query(sql, params)) as unknown as { rows: T[] }, exec: async (sql) => void (await db.query(sql)) }, 'agent', 'Sam Soak')
    say(`ready: gateway ${base}; ${args.persons} customers, ${args.rate} messages/s for ${args.durationMs / 1000} s; faults every ${args.chaosEveryMs / 1000} s: ${args.chaos.join(', ') || 'none'}`)

    const driver = soakDriver({ args, base, providers, staffHeaders: staff.headers, q })
    const chaos = chaosLoop({ args, procs, start, readyOf: () => readyOf(base), workerRoles: WORKER_ROLES })
    await sleep(args.durationMs)
    chaos.stop()
    say(`writing stopped; waiting up to ${args.drainMs / 1000} s for the last replies ...`)
    await chaos.done
    const observations = await driver.finish(args.drainMs)
    const report = soakReport(observations)
    say('faults: ' + (chaos.events.join('; ') || 'none'))
    // What each fault cost the customers: the longest wait among messages sent in the minute after it began.
    for (const f of chaos.began) {
      const hit = observations.messages.filter((m) => m.sentAt >= f.at && m.sentAt < f.at + 60_000 && m.answeredAt !== null)
      const worst = Math.max(0, ...hit.map((m) => m.answeredAt! - m.sentAt))
      say(`  after ${f.kind} at ${f.clock}: ${hit.length} messages sent in the next minute, longest wait ${(worst / 1000).toFixed(1)} s`)
    }
    const letters = await q<{ source_topic: string; n: number }>('SELECT source_topic, count(*)::int AS n FROM dead_letters GROUP BY source_topic')
    say(`dead letters: ${letters.map((l) => `${l.source_topic} ${l.n}`).join(', ') || 'none'}`)
    for (const line of formatSoakReport(report)) say(line)
    process.exitCode = report.passed ? 0 : 1
  } finally {
    await shutdown()
  }
}

interface Person { n: number; name: string; email: string; phone: string; channels: SoakChannel[]; used: Set<SoakChannel>; busy: boolean; statedEmail: boolean }

function soakDriver(o: {
  args: Args
  base: string
  providers: ProviderStandIns
  staffHeaders: Record<string, string>
  q: <T extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<T[]>
}) {
  const { args, base, providers, q } = o
  const { twilio, google } = providers
  // A third of the customers use one channel; the rest two or all three, with one email and one number.
  const all: SoakChannel[] = ['web_form', 'whatsapp', 'email']
  const persons: Person[] = Array.from({ length: args.persons }, (_, n) => ({
    n, name: `Soak Customer ${n}`, email: `soak.${n}@customers-${n % 7}.example.com`, phone: `+1415${String(6000000 + n).padStart(7, '0')}`,
    channels: n % 3 === 0 ? [all[n % all.length]!] : n % 3 === 1 ? [all[n % all.length]!, all[(n + 1) % all.length]!] : all,
    used: new Set(), busy: false, statedEmail: false,
  }))

  const messages: SentMessage[] = []
  const channelIdOf = new Map<string, string>() // soak key -> the id the read model keeps (ticket id, MessageSid, Gmail id)
  const received = new Map<string, number>()
  const bump = (r: string) => received.set(r, (received.get(r) ?? 0) + 1)
  const staffReplies: { replyId: string; recipient: string; ticketId: string; at: number }[] = []
  // Looked up on every poll of a waiting customer: by ticket and by key, so a 24-hour soak stays linear.
  const staffRepliesOf = new Map<string, typeof staffReplies>()
  const messageByKey = new Map<string, SentMessage>()
  const staffReceived = new Set<string>()
  const handedOver = new Map<string, number>() // tickets staff answered, and when they last did
  let attempts = 0
  let acceptedAttempts = 0
  let probes = 0
  let alive = 0
  let ready = 0
  let stopping = false
  let seq = 0
  let skipped = 0

  // What the providers received, counted per recipient as it arrives. Twilio's own message log is
  // what the dispatcher asks after a send of unknown outcome, so it is only trimmed of messages
  // older than an hour (far past any reconcile window), to bound a 24-hour soak's memory.
  const gmailIds = new Map<string, number>()
  const providerIds = new Set<string>() // Twilio SIDs and Gmail ids of everything the customers received
  const twilioSids: string[] = []
  let seenTwilio = 0
  const watcher = setInterval(() => {
    for (; seenTwilio < twilio.messages.length; seenTwilio++) {
      const m = twilio.messages[seenTwilio]!
      bump(m.to)
      providerIds.add(m.sid)
      twilioSids.push(m.sid)
    }
    const old = twilio.messages.findIndex((m) => m.dateCreated.getTime() > Date.now() - 3_600_000)
    const drop = old < 0 ? seenTwilio : Math.min(old, seenTwilio)
    if (drop > 0) {
      twilio.messages.splice(0, drop)
      seenTwilio -= drop
    }
    // Gmail's search for a Message-ID reads the mailbox, not this list of sends.
    for (const m of google.sent.splice(0)) {
      providerIds.add(m.id)
      const to = /^To: .*?<?([^<>\s]+@[^<>\s]+)>?\s*$/m.exec(m.mime)?.[1]?.toLowerCase()
      const messageId = /^Message-ID: (.+)$/im.exec(m.mime)?.[1]?.trim()
      if (messageId) gmailIds.set(messageId, (gmailIds.get(messageId) ?? 0) + 1)
      if (to) bump(to)
    }
    twilio.requests.length = 0
    google.requests.length = 0
  }, 100)
  const receivedBy = (recipient: string) => received.get(recipient) ?? 0
  const untilReceived = async (recipient: string, count: number, deadline: () => number) => {
    while (receivedBy(recipient) < count) {
      if (Date.now() > deadline()) return false
      await sleep(200)
    }
    return true
  }
  const webOutbound = async (ticketId: string) => {
    const r = await fetch(`${base}/support/ticket/${ticketId}`).catch(() => null)
    if (r?.status !== 200) return -1
    const v = (await r.json()) as { messages: { direction: string }[] }
    return v.messages.filter((m) => m.direction === 'outbound').length
  }
  const waitingFor = new Map<string, string>() // soak key -> what its customer still waits for
  let drainDeadline = Infinity
  const deadline = () => drainDeadline

  /** Until the product answers 2xx: a client's retries, each attempt counted for intake availability. */
  async function deliver(attempt: () => Promise<Response | null>): Promise<Response | null> {
    for (;;) {
      attempts++
      const res = await attempt().catch(() => null)
      if (res && res.status < 300) {
        acceptedAttempts++
        return res
      }
      if (res && res.status < 500 && res.status !== 429) throw new Error(`refused with ${res.status}: ${await res.text()}`)
      if (Date.now() > deadline()) return null
      await sleep(1000)
    }
  }

  /** One person's message and its reply; then, if a person must take it over, that reply too. */
  async function converse(p: Person) {
    const channel = p.channels[seq % p.channels.length]!
    const key = `soak-${++seq}`
    waitingFor.set(key, `the agent's reply on ${channel}`)
    try {
      await exchange(p, channel, key)
    } finally {
      if (Date.now() <= deadline()) waitingFor.delete(key)
    }
  }

  async function exchange(p: Person, channel: SoakChannel, key: string) {
    const n = Number(key.slice('soak-'.length))
    const text = n % 10 === 0 ? HANDOVERS[n % HANDOVERS.length]! : QUESTIONS[n % QUESTIONS.length]!
    const m: SentMessage = { key, channel, recipient: '', sentAt: Date.now(), acceptedAt: null, answeredAt: null }
    messages.push(m)
    messageByKey.set(key, m)
    p.used.add(channel)
    if (channel === 'web_form') {
      const body = { name: p.name, email: p.email, subject: 'Question', category: 'general', message: text, ...(p.channels.length > 1 ? { phone: p.phone } : {}) }
      const res = await deliver(() => fetch(`${base}/support/submit`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) }))
      if (!res) return
      m.acceptedAt = Date.now()
      const ticketId = ((await res.json()) as { ticket_id: string }).ticket_id
      m.recipient = ticketId
      channelIdOf.set(key, ticketId)
      for (let i = 0; (await webOutbound(ticketId)) < 1; i++) {
        if (Date.now() > deadline()) return
        if (i % 60 === 59 && (await ownedByPerson(key))) return awaitStaff(key)
        await sleep(500)
      }
      m.answeredAt = Date.now()
    } else {
      const recipient = channel === 'whatsapp' ? `whatsapp:${p.phone}` : p.email
      m.recipient = recipient
      const before = receivedBy(recipient)
      if (channel === 'whatsapp') {
        // A customer who also writes by email says so once on WhatsApp: that is how identity links them.
        const body = p.channels.includes('email') && !p.statedEmail ? `${text} My email is ${p.email}.` : text
        p.statedEmail ||= body !== text
        const sid = 'SM' + randomBytes(16).toString('hex')
        channelIdOf.set(key, sid)
        if (!(await deliver(async () => (await providers.whatsapp(base, { phone: p.phone, body, name: p.name, sid })).res))) return
      } else {
        const stored = providers.email({ from: p.email, name: p.name, subject: `Question ${n}`, body: text, messageId: `<${key}@customers.example.com>` })
        channelIdOf.set(key, stored.id)
        if (!(await deliver(() => providers.gmailPush(base)))) return
      }
      m.acceptedAt = Date.now()
      // The agent stands back on a ticket a person owns: then the staff's reply is the answer.
      for (let i = 0; !(await untilReceived(recipient, before + 1, () => Math.min(deadline(), Date.now() + 30_000))); i++) {
        if (Date.now() > deadline()) return
        if (await ownedByPerson(key)) return awaitStaff(key)
      }
      m.answeredAt = Date.now()
    }
    // A handed-over ticket is the staff's until they answer it: the customer waits for that answer.
    if (await ownedByPerson(key, 60_000)) await awaitStaff(key)
  }

  /** The message's ticket, once the read models have it (waiting up to `waitMs`). */
  async function ticketOf(key: string, waitMs = 0) {
    const until = Date.now() + waitMs
    for (;;) {
      const t = (await q<{ id: string; status: string; escalated: boolean }>(
        `SELECT t.id, t.status, EXISTS (SELECT 1 FROM escalations e WHERE e.ticket_id = t.id) AS escalated
           FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.direction = 'inbound' AND m.channel_message_id = $1`, [channelIdOf.get(key)],
      ))[0]
      if (t || Date.now() > until) return t ?? null
      await sleep(500)
    }
  }
  const ownedByPerson = async (key: string, waitMs = 0) => {
    const t = await ticketOf(key, waitMs)
    return Boolean(t && (t.status === 'escalated' || t.escalated || handedOver.has(t.id)))
  }
  const staffAnswerOf = (ticketId: string | undefined, after: number) =>
    (staffRepliesOf.get(ticketId ?? '') ?? []).find((r) => r.at >= after && staffReceived.has(r.replyId))
  async function awaitStaff(key: string) {
    const t = await ticketOf(key)
    const m = messageByKey.get(key)!
    waitingFor.set(key, `the staff reply on ticket ${t?.id}`)
    while (!staffAnswerOf(t?.id, m.acceptedAt ?? m.sentAt)) {
      if (Date.now() > deadline()) return
      await sleep(500)
    }
  }

  type StaffView = { customer?: { identifiers?: { kind: string; value: string }[] } | null }
  const recipientOf = (channel: SoakChannel, view: StaffView | null) => {
    const ids = view?.customer?.identifiers ?? []
    const found = ids.find((i) => (channel === 'whatsapp' ? i.kind === 'phone' : i.kind === 'email'))
    return found ? (channel === 'whatsapp' ? `whatsapp:${found.value}` : found.value) : null
  }


  // The staff member: every few seconds, answers and resolves each ticket handed over.
  const staffLoop = (async () => {
    while (!stopping || staffReplies.length > staffReceived.size) {
      const res = await fetch(`${base}/api/tickets?status=escalated`, { headers: o.staffHeaders }).catch(() => null)
      if (res?.status === 200) {
        for (const t of ((await res.json()) as { tickets: { ticket_id: string; channel: SoakChannel }[] }).tickets) {
          // Answered already, unless it is still the staff's a while after: a message came in that
          // the person had not seen when they resolved it, so the ticket stayed with them.
          if (Date.now() - (handedOver.get(t.ticket_id) ?? 0) < 15_000) continue
          const view = await fetch(`${base}/api/tickets/${t.ticket_id}`, { headers: o.staffHeaders }).then((r) => (r.status === 200 ? r.json() : null), () => null) as StaffView | null
          const recipient = t.channel === 'web_form' ? t.ticket_id : recipientOf(t.channel, view)
          if (!recipient) {
            say(`staff: no ${t.channel} address on ticket ${t.ticket_id} (${view ? JSON.stringify(view.customer) : 'view unavailable'}); trying again`)
            continue
          }
          const r = await fetch(`${base}/api/tickets/${t.ticket_id}/resolve`, {
            method: 'POST', headers: { ...o.staffHeaders, 'content-type': 'application/json' },
            body: JSON.stringify({ reply: `Hello, this is Sam from the support team. I have looked into ticket ${t.ticket_id.slice(0, 8)} and sorted it out for you.` }),
          }).catch(() => null)
          if (r?.status !== 202) continue // tried again on the next round
          handedOver.set(t.ticket_id, Date.now())
          const { reply_id } = (await r.json()) as { reply_id: string }
          const reply = { replyId: reply_id, recipient, ticketId: t.ticket_id, at: Date.now() }
          staffReplies.push(reply)
          staffRepliesOf.set(t.ticket_id, [...(staffRepliesOf.get(t.ticket_id) ?? []), reply])
        }
      }
      // Which staff replies the customer has: by the reply's own id at the provider or on the status page.
      for (const r of staffReplies) {
        if (staffReceived.has(r.replyId)) continue
        const sent = (await q<{ status: string; provider_message_id: string | null }>('SELECT status, provider_message_id FROM outbound_sends WHERE reply_id = $1', [r.replyId]))[0]
        if (!sent || sent.status === 'sending') continue
        const web = !r.recipient.includes('@') && !r.recipient.startsWith('whatsapp:')
        // A web-form ticket holds the agent's one message, then each staff reply in turn.
        const nth = (staffRepliesOf.get(r.ticketId) ?? []).indexOf(r) + 1
        if (web ? (await webOutbound(r.recipient)) >= 1 + nth : providerIds.has(sent.provider_message_id ?? '')) staffReceived.add(r.replyId)
      }
      if (stopping && Date.now() > deadline()) break
      await sleep(3000)
    }
  })()
  // Probes: is the gateway alive and ready, once a second.
  const prober = setInterval(() => {
    probes++
    void fetch(`${base}/health`).then((r) => r.status === 200 && alive++, () => undefined)
    void fetch(`${base}/ready`).then((r) => r.status === 200 && ready++, () => undefined)
  }, 1000)

  // Arrivals at the fixed rate, each to a customer who is not waiting for a reply.
  const conversations = new Set<Promise<void>>() // in progress only
  const arrivals = setInterval(() => {
    const idle = persons.filter((p) => !p.busy)
    if (!idle.length) return void skipped++
    const p = idle[Math.floor(Math.random() * idle.length)]!
    p.busy = true
    const c: Promise<void> = converse(p)
      .catch((err: Error) => say(`a customer's conversation failed: ${err.message}`))
      .finally(() => {
        p.busy = false
        conversations.delete(c)
      })
    conversations.add(c)
  }, 1000 / args.rate)

  const progress = setInterval(() => {
    const accepted = messages.filter((m) => m.acceptedAt !== null)
    const answered = accepted.filter((m) => m.answeredAt !== null)
    const e2e = answered.slice(-500).map((m) => m.answeredAt! - m.sentAt).sort((a, b) => a - b)
    const p95 = percentile(e2e, 95)
    say(`sent ${messages.length}, accepted ${accepted.length}, answered ${answered.length}, waiting ${accepted.length - answered.length}; staff replies ${staffReplies.length}; recent p95 ${(p95 / 1000).toFixed(2)} s${skipped ? `; ${skipped} arrivals found every customer busy` : ''}`)
  }, 30_000)

  return {
    async finish(drainMs: number) {
      clearInterval(arrivals)
      stopping = true
      drainDeadline = Date.now() + drainMs
      await Promise.all([...conversations])
      await staffLoop
      clearInterval(prober)
      clearInterval(progress)
      await sleep(1000)
      clearInterval(watcher)

      const keys = [...channelIdOf]
      const rows = await q<{ channel_message_id: string; ticket_id: string; escalated: boolean }>(
        `SELECT m.channel_message_id, m.ticket_id, (e.ticket_id IS NOT NULL) AS escalated FROM messages m LEFT JOIN escalations e ON e.ticket_id = m.ticket_id
          WHERE m.direction = 'inbound' AND m.channel_message_id = ANY($1::text[])`, [keys.map(([, v]) => v)],
      )
      const byChannelId = new Map(rows.map((r) => [r.channel_message_id, r]))
      const recorded = new Set(keys.filter(([, v]) => byChannelId.has(v)).map(([k]) => k))
      const escalated = new Set(keys.filter(([, v]) => byChannelId.get(v)?.escalated).map(([k]) => k))
      const byKey = new Map(messages.map((m) => [m.key, m]))
      const staffAnswered = new Set(keys.filter(([k, v]) => staffAnswerOf(byChannelId.get(v)?.ticket_id, byKey.get(k)!.acceptedAt ?? Infinity)).map(([k]) => k))
      const ticketIds = [...new Set(rows.map((r) => r.ticket_id))]
      const escalatedTickets = new Set(rows.filter((r) => r.escalated).map((r) => r.ticket_id)).size

      // Whoever still waits: what the read models know about their message, to tell why.
      for (const [k, w] of [...waitingFor].slice(0, 10)) {
        const row = byChannelId.get(channelIdOf.get(k) ?? '')
        const ticket = row ? (await q<{ status: string; human_owned: boolean }>('SELECT status, human_owned FROM tickets WHERE id = $1', [row.ticket_id]))[0] : null
        const sends = row ? await q<{ status: string; author: string | null }>(
          `SELECT s.status, NULL AS author FROM outbound_sends s JOIN messages o ON o.id = s.reply_id WHERE o.ticket_id = $1`, [row.ticket_id]) : []
        say(`still waiting at the end: ${k} (${byKey.get(k)!.channel}, ${channelIdOf.get(k)}) for ${w}; ticket ${row?.ticket_id ?? 'not in the read model'} ${ticket ? `${ticket.status}${ticket.human_owned ? ', a person\'s' : ''}` : ''}; escalated ${row?.escalated ?? '-'}; sends on the ticket: ${sends.map((x) => x.status).join(', ') || 'none'}`)
      }

      // What each web-form customer has on their status page now.
      for (const m of messages) if (m.channel === 'web_form' && m.recipient) received.set(m.recipient, Math.max(0, await webOutbound(m.recipient)))
      // Twilio messages that are no recorded part of any reply were sent twice, or sent and never recorded.
      const sids = await q<{ provider_message_id: string }>('SELECT provider_message_id FROM whatsapp_sends')
      const recordedSids = new Set(sids.map((s) => s.provider_message_id))
      const orphanSids = twilioSids.filter((sid) => !recordedSids.has(sid)).length
      const repeatedGmail = [...gmailIds.values()].reduce((n, c) => n + Math.max(0, c - 1), 0)
      say(`provider-level repeats: ${repeatedGmail} Gmail Message-IDs sent more than once; ${orphanSids} of ${twilioSids.length} Twilio messages belong to no recorded reply`)

      // Cross-channel: one customer for the person's address and number, with every channel used.
      let multi = 0
      let identified = 0
      for (const p of persons.filter((x) => x.used.size > 1)) {
        multi++
        const look = async (k: 'email' | 'phone', v: string) => {
          const r = await fetch(`${base}/customers/lookup?${k}=${encodeURIComponent(v)}`, { headers: o.staffHeaders }).catch(() => null)
          return r?.status === 200 ? ((await r.json()) as { customer_id: string; conversations: { channel: string }[] }) : null
        }
        const byEmail = await look('email', p.email)
        // Two channels used always gave both: WhatsApp the number, the web form both, email the address.
        const byPhone = await look('phone', p.phone)
        if (byEmail && byPhone && byEmail.customer_id === byPhone.customer_id && [...p.used].every((c) => byEmail.conversations.some((v) => v.channel === c))) identified++
      }
      return {
        messages, recorded, escalated, staffAnswered, tickets: ticketIds.length, escalatedTickets, staffReplies, staffReceived, received,
        repeatedAtProvider: repeatedGmail + orphanSids, probes, alive, ready, attempts, acceptedAttempts, multiChannelPersons: multi, identifiedPersons: identified,
      }
    },
  }
}

/** The faults, in turn, one every --chaos-every, each reported with how long the gateway took to be ready again. */
function chaosLoop(o: {
  args: Args
  procs: Map<string, RoleProcess>
  start: (name: string, roles: string) => Promise<RoleProcess>
  readyOf: () => Promise<boolean>
  workerRoles: string
}) {
  const events: string[] = []
  const began: { kind: Chaos; at: number; clock: string }[] = []
  let stopped = false
  let wake: () => void = () => undefined
  const pause = (ms: number) => new Promise<void>((r) => ((wake = r), setTimeout(r, ms)))
  const chaos = (what: string, secs: string) => run('bash', [path.join(ROOT, 'scripts/stack/chaos.sh'), what, secs], { maxBuffer: 1 << 20 })
  const restartWorker = async (name: string, signal: 'SIGKILL' | 'SIGTERM') => {
    const p = o.procs.get(name)!
    p.child.kill(signal)
    await p.exited
    if (signal === 'SIGKILL') await sleep(5000)
    await (await o.start(name, o.workerRoles)).ready()
  }
  const done = (async () => {
    for (let i = 0; !stopped && o.args.chaos.length; i++) {
      await pause(o.args.chaosEveryMs)
      if (stopped) break
      const kind = o.args.chaos[i % o.args.chaos.length]!
      const at = clock()
      const started = Date.now()
      began.push({ kind, at: started, clock: at })
      say(`fault: ${kind}`)
      try {
        if (kind === 'worker') await restartWorker(i % 2 ? 'worker-2' : 'worker-1', 'SIGKILL')
        else if (kind === 'rolling') {
          // A rolling deploy: one worker at a time, the next only once its replacement is ready.
          await restartWorker('worker-1', 'SIGTERM')
          await restartWorker('worker-2', 'SIGTERM')
        } else await chaos(kind, kind === 'broker' ? '5' : '3')
        while (!(await o.readyOf())) await sleep(250)
        events.push(`${at} ${kind} (back after ${((Date.now() - started) / 1000).toFixed(1)} s)`)
      } catch (err) {
        events.push(`${at} ${kind} FAILED: ${(err as Error).message}`)
        say(`fault ${kind} failed: ${(err as Error).message}`)
      }
    }
  })()
  return { events, began, done, stop: () => ((stopped = true), wake()) }
}

main().catch((err) => {
  console.error('soak failed:', err instanceof Error ? err.stack ?? err.message : err)
  process.exit(1)
})
