import type { Channel } from '../../schemas/index.js'
import type { Queryable } from '../../platform/db.js'

/**
 * The analysts' reports, read from the same SQL views they query themselves (db/migrations/
 * 011.do.analytics.sql, docs/analytics.md), so the API and an analyst's own SQL agree.
 * Ranges are half-open [from, to); days are UTC days.
 */
export const CHANNELS: readonly Channel[] = ['email', 'whatsapp', 'web_form']

export interface Range {
  from: Date
  to: Date
}

export interface ChannelMetrics {
  total_conversations: number
  messages_in: number
  messages_out: number
  escalations: number
  /** Conversations handed to a person / conversations, in the range; null with no conversations. */
  escalation_rate: number | null
  /** 0 (very negative) .. 1 (very positive), over the customers' messages; null with none scored. */
  avg_sentiment: number | null
  /** Message received to reply sent, from the dispatcher's samples. */
  response_time_p50_ms: number | null
  response_time_p95_ms: number | null
  replies_timed: number
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
const round = (v: number | null, digits = 3): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits)

/** Per channel, in the range: volume, hand-overs, sentiment and response time. */
export async function channelMetrics(db: Queryable, range: Range): Promise<Record<Channel, ChannelMetrics>> {
  const rows = (
    await db.query<Record<string, unknown>>(
      `WITH inbound AS (
         SELECT channel, count(DISTINCT conversation_id)::int AS conversations, count(*)::int AS messages_in, avg(sentiment) AS avg_sentiment
           FROM messages WHERE direction = 'inbound' AND created_at >= $1 AND created_at < $2 GROUP BY channel
       ), outbound AS (
         SELECT channel, count(*)::int AS messages_out
           FROM messages WHERE direction = 'outbound' AND created_at >= $1 AND created_at < $2 GROUP BY channel
       ), handed AS (
         SELECT channel, count(*)::int AS escalations, count(DISTINCT conversation_id)::int AS conversations
           FROM escalations_with_reasons WHERE raised_at >= $1 AND raised_at < $2 GROUP BY channel
       ), timing AS (
         SELECT channel, count(*)::int AS replies,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY response_ms) AS p50,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY response_ms) AS p95
           FROM response_times WHERE replied_at >= $1 AND replied_at < $2 GROUP BY channel
       )
       SELECT c.channel, i.conversations, i.messages_in, i.avg_sentiment, o.messages_out,
              h.escalations, h.conversations AS escalated_conversations, r.replies, r.p50, r.p95
         FROM unnest($3::text[]) AS c(channel)
         LEFT JOIN inbound i ON i.channel = c.channel
         LEFT JOIN outbound o ON o.channel = c.channel
         LEFT JOIN handed h ON h.channel = c.channel
         LEFT JOIN timing r ON r.channel = c.channel`,
      [range.from.toISOString(), range.to.toISOString(), CHANNELS],
    )
  ).rows
  const out = {} as Record<Channel, ChannelMetrics>
  for (const r of rows) {
    const conversations = num(r.conversations) ?? 0
    const escalated = num(r.escalated_conversations) ?? 0
    out[r.channel as Channel] = {
      total_conversations: conversations,
      messages_in: num(r.messages_in) ?? 0,
      messages_out: num(r.messages_out) ?? 0,
      escalations: num(r.escalations) ?? 0,
      escalation_rate: conversations > 0 ? round(Math.min(1, escalated / conversations)) : null,
      avg_sentiment: round(num(r.avg_sentiment)),
      response_time_p50_ms: round(num(r.p50), 0),
      response_time_p95_ms: round(num(r.p95), 0),
      replies_timed: num(r.replies) ?? 0,
    }
  }
  return out
}

const STATUSES = ['received', 'open', 'processing', 'responded', 'escalated', 'resolved', 'closed'] as const

/** The whole operation at a glance: over every ticket, or those opened in the range. */
export async function summary(db: Queryable, range: Range | null) {
  const where = range ? 'WHERE created_at >= $1 AND created_at < $2' : ''
  const args = range ? [range.from.toISOString(), range.to.toISOString()] : []
  const [byStatus, rates, customers, categories, reasons] = await Promise.all([
    db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM tickets ${where} GROUP BY status`, args),
    db.query<Record<string, unknown>>(
      `SELECT count(*)::int AS tickets,
              count(DISTINCT conversation_id)::int AS conversations,
              count(DISTINCT conversation_id) FILTER (WHERE escalated_at IS NOT NULL)::int AS escalated_conversations,
              count(*) FILTER (WHERE resolved_at IS NOT NULL)::int AS resolved,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM resolved_at - created_at)) FILTER (WHERE resolved_at IS NOT NULL) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM resolved_at - created_at)) FILTER (WHERE resolved_at IS NOT NULL) AS p95
         FROM tickets ${where}`,
      args,
    ),
    db.query<Record<string, unknown>>(
      `SELECT count(*) FILTER (WHERE merged_into IS NULL)::int AS customers
              ${range ? ', count(*) FILTER (WHERE merged_into IS NULL AND created_at >= $1 AND created_at < $2)::int AS new_customers' : ''}
         FROM customers`,
      args,
    ),
    db.query<{ category: string; n: number }>(
      `SELECT COALESCE(category, 'uncategorised') AS category, count(*)::int AS n FROM tickets ${where}
        GROUP BY 1 ORDER BY n DESC, category LIMIT 5`,
      args,
    ),
    db.query<{ reason: string; n: number }>(
      `SELECT reason, count(*)::int AS n FROM escalations_with_reasons ${range ? 'WHERE raised_at >= $1 AND raised_at < $2' : ''}
        GROUP BY reason ORDER BY n DESC, reason`,
      args,
    ),
  ])
  const r = rates.rows[0]!
  const conversations = num(r.conversations) ?? 0
  const tickets_by_status = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<(typeof STATUSES)[number], number>
  for (const row of byStatus.rows) tickets_by_status[row.status as (typeof STATUSES)[number]] = row.n
  const c = customers.rows[0]!
  return {
    from: range?.from.toISOString() ?? null,
    to: range?.to.toISOString() ?? null,
    tickets: num(r.tickets) ?? 0,
    tickets_by_status,
    escalation_rate: conversations > 0 ? round((num(r.escalated_conversations) ?? 0) / conversations) : null,
    customers: num(c.customers) ?? 0,
    ...(range ? { new_customers: num(c.new_customers) ?? 0 } : {}),
    resolved: num(r.resolved) ?? 0,
    resolution_time_p50_s: round(num(r.p50), 0),
    resolution_time_p95_s: round(num(r.p95), 0),
    top_categories: categories.rows.map((x) => ({ category: x.category, tickets: x.n })),
    escalations_by_reason: reasons.rows.map((x) => ({ reason: x.reason, escalations: x.n })),
  }
}

const DAY_MS = 86_400_000
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/**
 * The daily sentiment report for one UTC day: per channel, the customers' messages and their
 * average sentiment beside the 7 days before; the day's most negative conversations and what
 * they were about; and the 8 days as a series for the chart.
 */
export async function sentimentReport(db: Queryable, day: Date) {
  const first = new Date(day.getTime() - 7 * DAY_MS)
  const [series, conversations, negative] = await Promise.all([
    db.query<Record<string, unknown>>(
      `SELECT day::text AS day, channel, messages::int AS messages, avg_sentiment, negative_messages::int AS negative_messages
         FROM daily_sentiment WHERE day >= $1::date AND day <= $2::date ORDER BY day, channel`,
      [isoDay(first), isoDay(day)],
    ),
    db.query<{ channel: string; n: number }>(
      `SELECT channel, count(DISTINCT conversation_id)::int AS n FROM messages
        WHERE direction = 'inbound' AND (created_at AT TIME ZONE 'UTC')::date = $1::date GROUP BY channel`,
      [isoDay(day)],
    ),
    // Neutral is 0.5: a conversation above it is not negative, however few there were that day.
    db.query<Record<string, unknown>>(
      `WITH scored AS (
         SELECT m.conversation_id, avg(m.sentiment) AS avg_sentiment, count(*)::int AS messages, min(m.sentiment) AS lowest
           FROM messages m
          WHERE m.direction = 'inbound' AND m.sentiment IS NOT NULL AND m.conversation_id IS NOT NULL
            AND (m.created_at AT TIME ZONE 'UTC')::date = $1::date
          GROUP BY m.conversation_id
       )
       SELECT s.conversation_id, s.avg_sentiment, s.messages, w.ticket_id, w.channel, w.content, t.number, t.subject, t.category, t.status, t.escalation_reason
         FROM scored s
         CROSS JOIN LATERAL (
           SELECT m.ticket_id, m.channel, m.content FROM messages m
            WHERE m.conversation_id = s.conversation_id AND m.direction = 'inbound' AND m.sentiment = s.lowest
              AND (m.created_at AT TIME ZONE 'UTC')::date = $1::date
            ORDER BY m.created_at LIMIT 1) w
         LEFT JOIN tickets t ON t.id = w.ticket_id
        WHERE s.avg_sentiment < 0.5
        ORDER BY s.avg_sentiment, s.conversation_id LIMIT 5`,
      [isoDay(day)],
    ),
  ])
  const rows = series.rows.map((r) => ({
    day: String(r.day),
    channel: r.channel as Channel,
    messages: num(r.messages) ?? 0,
    avg_sentiment: round(num(r.avg_sentiment)),
    negative_messages: num(r.negative_messages) ?? 0,
  }))
  const today = isoDay(day)
  const channels = {} as Record<Channel, Record<string, number | null>>
  for (const channel of CHANNELS) {
    const mine = rows.filter((r) => r.channel === channel)
    const on = mine.find((r) => r.day === today)
    const before = mine.filter((r) => r.day !== today)
    const beforeMessages = before.reduce((n, r) => n + r.messages, 0)
    // Weighted by messages: a quiet day counts for as little as it says.
    const beforeAvg = beforeMessages > 0 ? before.reduce((s, r) => s + (r.avg_sentiment ?? 0) * r.messages, 0) / beforeMessages : null
    const avg = on?.avg_sentiment ?? null
    channels[channel] = {
      conversations: conversations.rows.find((c) => c.channel === channel)?.n ?? 0,
      messages: on?.messages ?? 0,
      negative_messages: on?.negative_messages ?? 0,
      avg_sentiment: avg,
      previous_7_days_messages: beforeMessages,
      previous_7_days_avg_sentiment: round(beforeAvg),
      change: avg !== null && beforeAvg !== null ? round(avg - beforeAvg) : null,
    }
  }
  return {
    date: today,
    compared_with: { from: isoDay(first), to: isoDay(new Date(day.getTime() - DAY_MS)) },
    channels,
    most_negative: negative.rows.map((r) => ({
      conversation_id: r.conversation_id as string,
      ticket_id: r.ticket_id as string,
      ticket_number: (r.number as string | null) ?? null,
      channel: r.channel as Channel,
      avg_sentiment: round(num(r.avg_sentiment)),
      messages: num(r.messages) ?? 0,
      category: (r.category as string | null) ?? null,
      subject: (r.subject as string | null) ?? null,
      status: (r.status as string | null) ?? null,
      escalation_reason: (r.escalation_reason as string | null) ?? null,
      // What it was about, in the customer's words: the day's most negative message, shortened.
      excerpt: excerpt(String(r.content ?? '')),
    })),
    days: rows,
  }
}

function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`
}
