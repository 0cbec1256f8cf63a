/**
 * npm run loadtest: the k6 scenarios of loadtest/k6/ (web form, signed WhatsApp webhooks,
 * OIDC-signed Gmail pushes, the mix), run here with Node where k6 cannot be installed. The
 * product runs in-process (embedded by default; KAFKA_BROKERS, SCHEMA_REGISTRY_URL and
 * DATABASE_URL for the real stack) with the Twilio and Google stand-ins as its providers, so a
 * reply is seen where the customer would see it: on the status page, in Twilio's messages, in
 * Gmail's sent mail.
 *
 * Closed model: each virtual user sends one message, waits for its reply, and sends the next.
 * Prints, per level and channel: accept and end-to-end (message sent -> reply at the provider)
 * p50/p95/p99, throughput and errors.
 *
 *   LOADTEST_USERS (default 100,200,500), LOADTEST_SECONDS per level (default 20),
 *   LOADTEST_SCENARIO (mix | webform | whatsapp | gmail; default mix)
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../platform/config.js'
import { createLogger } from '../platform/log.js'
import { openRuntime } from '../platform/runtime.js'
import { startSeeded } from '../testing/seeded.js'
import { startProviderStandIns } from '../testing/standIns/providers.js'
import { percentile } from './driver.js'

const QUESTIONS = [
  'I forgot my password and cannot log in to my account.',
  'How do I export my project to CSV?',
  'How can I invite my team members to the workspace?',
  'How do I turn on two-factor authentication?',
]
type Channel = 'webform' | 'whatsapp' | 'gmail'
const say = (s: string) => process.stdout.write(s + '\n')

async function main() {
  const levels = (process.env.LOADTEST_USERS ?? '100,200,500').split(',').map(Number).filter((n) => n > 0)
  const seconds = Number(process.env.LOADTEST_SECONDS ?? 20)
  const scenario = (process.env.LOADTEST_SCENARIO ?? 'mix') as 'mix' | Channel
  if (!['mix', 'webform', 'whatsapp', 'gmail'].includes(scenario)) throw new Error(`LOADTEST_SCENARIO: mix, webform, whatsapp or gmail, not ${scenario}`)

  const providers = await startProviderStandIns('loadtest')
  const { twilio: tw, google } = providers
  google.pageSize = 100
  const env = { ...process.env }
  if (!env.KAFKA_BROKERS && !env.FTE_DATA_DIR) env.FTE_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'fte-loadtest-'))
  const config = loadConfig({
    FTE_FORM_RATE_LIMIT: '10000', FTE_EMAIL_COPY_LIMIT: '1000', LOG_LEVEL: 'error', ...env, PORT: '0', FTE_METRICS_PORT: '0', HOST: '127.0.0.1',
    ...providers.env,
  })
  say(`starting the product in-process (${config.transport.kind}, ${config.database.kind}) with the Twilio and Google stand-ins ...`)
  const rt = await openRuntime(config, createLogger(config.logLevel))
  const app = await startSeeded(rt)
  const base = app.url!

  // Replies as the providers receive them, matched to the waiting virtual user by recipient.
  const waiting = new Map<string, () => void>()
  let seenTwilio = 0
  let seenGmail = 0
  const watcher = setInterval(() => {
    for (; seenTwilio < tw.messages.length; seenTwilio++) waiting.get(tw.messages[seenTwilio]!.to)?.()
    for (; seenGmail < google.sent.length; seenGmail++) {
      const to = /^To: .*?<?([^<>\s]+@[^<>\s]+)>?\s*$/m.exec(google.sent[seenGmail]!.mime)?.[1]
      if (to) waiting.get(to.toLowerCase())?.()
    }
  }, 50)
  const replyTo = (recipient: string, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => (waiting.delete(recipient), resolve(false)), timeoutMs)
      waiting.set(recipient, () => (clearTimeout(timer), waiting.delete(recipient), resolve(true)))
    })

  /** One message on a channel and its reply: accept and end-to-end milliseconds, or the error. */
  async function once(channel: Channel, user: number, n: number): Promise<{ acceptMs: number; e2eMs: number }> {
    const question = QUESTIONS[n % QUESTIONS.length]!
    const t0 = performance.now()
    if (channel === 'webform') {
      const res = await fetch(`${base}/support/submit`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Load ${user}`, email: `web-${user}@example.com`, subject: 'Help', category: 'general', message: question }),
      })
      if (res.status !== 202) throw new Error(`submit ${res.status}`)
      const { ticket_id } = (await res.json()) as { ticket_id: string }
      const acceptMs = performance.now() - t0
      for (;;) {
        const v = (await (await fetch(`${base}/support/ticket/${ticket_id}`)).json()) as { messages: { direction: string }[] }
        if (v.messages.some((m) => m.direction === 'outbound')) return { acceptMs, e2eMs: performance.now() - t0 }
        if (performance.now() - t0 > 60_000) throw new Error('no reply within 60 s')
        await new Promise((r) => setTimeout(r, 250))
      }
    }
    if (channel === 'whatsapp') {
      const phone = `+1415556${String(user).padStart(4, '0')}`
      const replied = replyTo(`whatsapp:${phone}`, 60_000)
      const { res } = await providers.whatsapp(base, { phone, body: question, name: `Load ${user}` })
      if (res.status !== 200) throw new Error(`whatsapp webhook ${res.status}`)
      const acceptMs = performance.now() - t0
      if (!(await replied)) throw new Error('no WhatsApp reply within 60 s')
      return { acceptMs, e2eMs: performance.now() - t0 }
    }
    const from = `mail-${user}@example.com`
    providers.email({ from, name: `Load ${user}`, subject: 'Help', body: question, messageId: `<load-${user}-${n}-${Date.now()}@example.com>` })
    const replied = replyTo(from, 60_000)
    const res = await providers.gmailPush(base)
    if (res.status >= 300) throw new Error(`gmail push ${res.status}`)
    const acceptMs = performance.now() - t0
    if (!(await replied)) throw new Error('no email reply within 60 s')
    return { acceptMs, e2eMs: performance.now() - t0 }
  }

  const channels: Channel[] = scenario === 'mix' ? ['webform', 'whatsapp', 'gmail'] : [scenario]
  try {
    for (const users of levels) {
      say(`\n${users} virtual users, ${scenario}, ${seconds} s ...`)
      const results = new Map<Channel, { accept: number[]; e2e: number[]; errors: Map<string, number> }>(channels.map((c) => [c, { accept: [], e2e: [], errors: new Map() }]))
      const until = performance.now() + seconds * 1000
      const started = performance.now()
      await Promise.all(
        Array.from({ length: users }, async (_, u) => {
          const channel = channels[u % channels.length]!
          const r = results.get(channel)!
          for (let n = 0; performance.now() < until; n++) {
            try {
              const { acceptMs, e2eMs } = await once(channel, u + users * 10, n)
              r.accept.push(acceptMs)
              r.e2e.push(e2eMs)
            } catch (err) {
              const key = (err as Error).message
              r.errors.set(key, (r.errors.get(key) ?? 0) + 1)
            }
          }
        }),
      )
      const wall = (performance.now() - started) / 1000
      const fmt = (xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b)
        return `p50 ${percentile(s, 50).toFixed(0)} / p95 ${percentile(s, 95).toFixed(0)} / p99 ${percentile(s, 99).toFixed(0)} ms`
      }
      for (const [channel, r] of results) {
        const errors = [...r.errors].map(([k, v]) => `${v} x ${k}`).join('; ') || 'none'
        say(`  ${channel.padEnd(8)} ${String(r.e2e.length).padStart(5)} replies (${(r.e2e.length / wall).toFixed(1)}/s); accept ${fmt(r.accept)}; end to end ${fmt(r.e2e)}; errors: ${errors}`)
      }
    }
  } finally {
    clearInterval(watcher)
    await app.close()
    await rt.close()
    await providers.close()
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error('loadtest failed:', err)
    process.exit(1)
  },
)
