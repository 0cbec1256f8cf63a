/**
 * The soak's verdict, from what it saw from outside (what each customer sent and received, at the
 * providers and on the status page) and what the read models recorded. Pure, so the checks that
 * decide pass or fail are tested on their own (soakReport.unit.spec.ts): each count compares sets
 * of ids, never totals, so one lost message cannot hide behind one duplicated elsewhere.
 */
import { percentile } from './driver.js'

export type SoakChannel = 'web_form' | 'whatsapp' | 'email'

export interface SentMessage {
  /** The soak's own id for the message (its web-form Idempotency-Key). */
  key: string
  channel: SoakChannel
  /** Where the customer receives replies: a ticket id (web form), whatsapp:+number, or an address. */
  recipient: string
  sentAt: number
  /** First 2xx from the product; null if it never accepted the message. */
  acceptedAt: number | null
  /** The agent's reply (an answer or the hand-over notice) seen by the customer. */
  answeredAt: number | null
}

export interface SoakObservations {
  messages: SentMessage[]
  /** Keys of messages whose inbound row is in the messages read model. */
  recorded: Set<string>
  /** Keys of messages whose ticket the read models show escalated. */
  escalated: Set<string>
  /** Keys of messages a staff reply on their ticket answered, sent after them and received by the customer. */
  staffAnswered: Set<string>
  /** Tickets of the soak, and how many of them were handed to a person. */
  tickets: number
  escalatedTickets: number
  /** Staff replies the API accepted (reply ids), and those the customer received. */
  staffReplies: { replyId: string; recipient: string }[]
  staffReceived: Set<string>
  /** Per recipient: how many messages the customer received in all (agent and staff). */
  received: Map<string, number>
  /** Provider-level repeats found by id: Gmail Message-IDs sent twice, Twilio messages of no recorded reply part. */
  repeatedAtProvider: number
  /** Health probes of the gateway: alive (/health 200) and ready (/ready 200), out of `probes`. */
  probes: number
  alive: number
  ready: number
  /** Customer requests (each attempt, retries included) and those answered 2xx. */
  attempts: number
  acceptedAttempts: number
  /** Persons who used more than one channel, and those found as one customer on all of them. */
  multiChannelPersons: number
  identifiedPersons: number
}

export interface SoakReport {
  accepted: number
  neverAccepted: string[]
  lost: string[]
  notRecorded: string[]
  staffLost: string[]
  duplicates: number
  escalationRate: number
  uptime: number
  readiness: number
  intake: number
  identification: number | null
  latency: Record<SoakChannel | 'all', { n: number; p50: number; p95: number; p99: number }>
  passed: boolean
}

export function soakReport(o: SoakObservations): SoakReport {
  const accepted = o.messages.filter((m) => m.acceptedAt !== null)
  const answered = new Set(accepted.filter((m) => m.answeredAt !== null).map((m) => m.key))
  // Messages in, against replies out plus escalations, by id. A message the agent stood back on
  // (its ticket is a person's) is handled once a person's reply after it reached the customer:
  // an escalation nobody answers is as lost to the customer as a message that vanished.
  const lost = accepted.filter((m) => !answered.has(m.key) && !(o.escalated.has(m.key) && o.staffAnswered.has(m.key))).map((m) => m.key)
  const notRecorded = accepted.filter((m) => !o.recorded.has(m.key)).map((m) => m.key)
  const staffLost = o.staffReplies.filter((r) => !o.staffReceived.has(r.replyId)).map((r) => r.replyId)

  // What each customer should have: one agent message per accepted message, plus each staff reply.
  const expected = new Map<string, number>()
  for (const m of accepted) expected.set(m.recipient, (expected.get(m.recipient) ?? 0) + 1)
  for (const r of o.staffReplies) expected.set(r.recipient, (expected.get(r.recipient) ?? 0) + 1)
  let extra = 0
  for (const [recipient, n] of o.received) extra += Math.max(0, n - (expected.get(recipient) ?? 0))
  const duplicates = Math.max(extra, o.repeatedAtProvider)

  const latency = {} as SoakReport['latency']
  for (const ch of ['all', 'web_form', 'whatsapp', 'email'] as const) {
    const xs = accepted.filter((m) => m.answeredAt !== null && (ch === 'all' || m.channel === ch)).map((m) => m.answeredAt! - m.sentAt).sort((a, b) => a - b)
    latency[ch] = { n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) }
  }
  const share = (part: number, whole: number) => (whole ? part / whole : 1)
  const report: SoakReport = {
    accepted: accepted.length,
    neverAccepted: o.messages.filter((m) => m.acceptedAt === null).map((m) => m.key),
    lost,
    notRecorded,
    staffLost,
    duplicates,
    escalationRate: o.tickets ? o.escalatedTickets / o.tickets : 0,
    uptime: share(o.alive, o.probes),
    readiness: share(o.ready, o.probes),
    intake: share(o.acceptedAttempts, o.attempts),
    identification: o.multiChannelPersons ? o.identifiedPersons / o.multiChannelPersons : null,
    latency,
    passed: false,
  }
  report.passed = lost.length === 0 && notRecorded.length === 0 && staffLost.length === 0 && duplicates === 0 && report.neverAccepted.length === 0
  return report
}

/** The report as printed at the end of a soak. */
export function formatSoakReport(r: SoakReport): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`
  const ms = (x: number) => (Number.isFinite(x) ? `${(x / 1000).toFixed(2)} s` : 'n/a')
  const ids = (xs: string[]) => (xs.length ? ` (${xs.slice(0, 5).join(', ')}${xs.length > 5 ? ', ...' : ''})` : '')
  const lines = [
    `uptime (gateway /health answering): ${pct(r.uptime)}; ready: ${pct(r.readiness)}; customer requests accepted at the attempt: ${pct(r.intake)}`,
    `message in -> reply seen by the customer: ${(['all', 'web_form', 'whatsapp', 'email'] as const)
      .map((c) => `${c} n=${r.latency[c].n} p50 ${ms(r.latency[c].p50)} / p95 ${ms(r.latency[c].p95)} / p99 ${ms(r.latency[c].p99)}`)
      .join('; ')}`,
    `escalation rate (tickets handed to a person): ${pct(r.escalationRate)}`,
    `cross-channel identification: ${r.identification === null ? 'no person used two channels' : pct(r.identification)}`,
    `messages accepted ${r.accepted}; never accepted ${r.neverAccepted.length}${ids(r.neverAccepted)}`,
    `lost (accepted; neither answered by the agent nor escalated and answered by a person): ${r.lost.length}${ids(r.lost)}`,
    `missing from the messages read model: ${r.notRecorded.length}${ids(r.notRecorded)}`,
    `staff replies not received: ${r.staffLost.length}${ids(r.staffLost)}`,
    `duplicate replies: ${r.duplicates}`,
    r.passed ? 'PASS: nothing lost, nothing sent twice' : 'FAIL',
  ]
  return lines
}
