/**
 * The load driver: virtual users that each submit a web-form question and poll the ticket until
 * the reply is there, measuring submit -> reply visible. The same scenario as loadtest/k6/webform.js,
 * runnable here where k6 is not available. Bounded in count and time; loopback targets only.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export interface LoadOptions {
  baseUrl: string
  users: number
  /** Submissions per user. */
  iterations: number
  /** Give up on one ticket after this long. */
  replyTimeoutMs?: number
  pollMs?: number
  onProgress?: (done: number, total: number) => void
}

export interface LoadReport {
  submitted: number
  replied: number
  failed: number
  submitMs: { p50: number; p95: number; max: number }
  replyMs: { p50: number; p95: number; p99: number; max: number }
  wallSeconds: number
  throughputPerSecond: number
}

const QUESTIONS = [
  ['Cannot log in', 'I forgot my password and cannot log in to my account.'],
  ['Export', 'How do I export my project to CSV?'],
  ['Invite', 'How can I invite my team members to the workspace?'],
  ['Slack', 'How do I connect Nimbus Tasks to Slack?'],
  ['2FA', 'How do I turn on two-factor authentication?'],
  ['Sync', 'My tasks are not syncing between the mobile app and the web.'],
  ['Recurring', 'How do I create a recurring task every Monday?'],
  ['Refund', 'I was charged twice, I want a refund.'],
] as const

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const host = new URL(o.baseUrl).hostname
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`load is only sent to loopback addresses, not ${host}`)
  const submitTimes: number[] = []
  const replyTimes: number[] = []
  let failed = 0
  let done = 0
  const total = o.users * o.iterations
  const started = Date.now()

  async function user(u: number) {
    for (let i = 0; i < o.iterations; i++) {
      const [subject, message] = QUESTIONS[(u + i) % QUESTIONS.length]!
      const t0 = Date.now()
      try {
        const res = await fetch(`${o.baseUrl}/support/submit`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Load User ${u}`, email: `load-${u}@example.com`, subject, category: 'general', message }),
        })
        if (res.status !== 202) throw new Error(`submit answered ${res.status}`)
        const { ticket_id } = (await res.json()) as { ticket_id: string }
        submitTimes.push(Date.now() - t0)
        const deadline = t0 + (o.replyTimeoutMs ?? 30_000)
        for (;;) {
          const v = (await (await fetch(`${o.baseUrl}/support/ticket/${ticket_id}`)).json()) as { messages: { direction: string }[] }
          if (v.messages.some((m) => m.direction === 'outbound')) {
            replyTimes.push(Date.now() - t0)
            break
          }
          if (Date.now() > deadline) throw new Error(`no reply to ${ticket_id} within the timeout`)
          await new Promise((r) => setTimeout(r, o.pollMs ?? 200))
        }
      } catch {
        failed++
      }
      o.onProgress?.(++done, total)
    }
  }

  await Promise.all(Array.from({ length: o.users }, (_, u) => user(u)))
  const wallSeconds = (Date.now() - started) / 1000
  const s = [...submitTimes].sort((a, b) => a - b)
  const r = [...replyTimes].sort((a, b) => a - b)
  return {
    submitted: submitTimes.length,
    replied: replyTimes.length,
    failed,
    submitMs: { p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1) ?? NaN },
    replyMs: { p50: percentile(r, 50), p95: percentile(r, 95), p99: percentile(r, 99), max: r.at(-1) ?? NaN },
    wallSeconds,
    throughputPerSecond: replyTimes.length / wallSeconds,
  }
}

export interface ArrivalOptions {
  baseUrl: string
  /** Submissions per second, fixed whatever the server's pace (an open model). */
  rate: number
  seconds: number
  onProgress?: (sent: number, total: number) => void
}

export interface ArrivalReport {
  sent: number
  accepted: number
  failed: number
  /** Ticket ids accepted, to match against the replies. */
  tickets: string[]
  acceptMs: { p50: number; p95: number; p99: number; max: number }
  /** How far behind schedule the driver itself fell (its own event loop): large values void the run. */
  scheduleLagMs: { p95: number; max: number }
  wallSeconds: number
}

/**
 * Fixed-rate arrivals (an open model, like k6's constant-arrival-rate): a submission leaves on
 * schedule whether or not earlier ones were answered, so a slow server shows as growing latency
 * rather than as fewer requests, which is what customers do to a support form.
 */
export async function runArrivals(o: ArrivalOptions): Promise<ArrivalReport> {
  const host = new URL(o.baseUrl).hostname
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`load is only sent to loopback addresses, not ${host}`)
  const total = Math.round(o.rate * o.seconds)
  const accept: number[] = []
  const lag: number[] = []
  const tickets: string[] = []
  let failed = 0
  const started = performance.now()
  const inFlight: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / o.rate
    const wait = due - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    lag.push(Math.max(0, performance.now() - due))
    const [subject, message] = QUESTIONS[i % QUESTIONS.length]!
    const t0 = performance.now()
    inFlight.push(
      fetch(`${o.baseUrl}/support/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Arrival ${i}`, email: `arrival-${i % 500}@example.com`, subject, category: 'general', message }),
      })
        .then(async (res) => {
          if (res.status !== 202) throw new Error(`submit answered ${res.status}`)
          tickets.push(((await res.json()) as { ticket_id: string }).ticket_id)
          accept.push(performance.now() - t0)
        })
        .catch(() => void failed++),
    )
    if (i % Math.max(1, Math.round(o.rate)) === 0) o.onProgress?.(i, total)
  }
  await Promise.all(inFlight)
  const a = accept.sort((x, y) => x - y)
  const l = lag.sort((x, y) => x - y)
  const round = (n: number) => Math.round(n * 10) / 10
  return {
    sent: total,
    accepted: accept.length,
    failed,
    tickets,
    acceptMs: { p50: round(percentile(a, 50)), p95: round(percentile(a, 95)), p99: round(percentile(a, 99)), max: round(a.at(-1) ?? NaN) },
    scheduleLagMs: { p95: round(percentile(l, 95)), max: round(l.at(-1) ?? NaN) },
    wallSeconds: (performance.now() - started) / 1000,
  }
}

/**
 * runArrivals in a child process (loadtest/arrivals.ts), so the driver's own work stays out of the
 * measured process: its progress shows on this process's stderr, its report comes back whole,
 * with the CPU seconds the driver used.
 */
export function runArrivalsApart(o: Omit<ArrivalOptions, 'onProgress'>): Promise<ArrivalReport & { cpuSeconds: number }> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'arrivals.ts')
  const child = spawn(process.execPath, ['--import', 'tsx', script, o.baseUrl, String(o.rate), String(o.seconds)], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1)
      if (code !== 0 || !last) return reject(new Error(`the load driver exited with ${code}`))
      resolve(JSON.parse(last) as ArrivalReport & { cpuSeconds: number })
    })
  })
}
