import Router from '@koa/router'
import { channelMetrics, CHANNELS, sentimentReport, summary } from '../../projections/reports/reports.js'
import type { GatewayDeps } from '../http/deps.js'
import { readModelLag } from '../../projections/readModels.js'
import { sendCsv } from '../http/csv.js'
import { requireStaff, type StaffState } from '../staff/auth.js'
import { parseFormat, parseRange, parseReportDay } from './reportQuery.js'

const CHANNEL_COLUMNS = [
  'channel', 'from', 'to', 'total_conversations', 'messages_in', 'messages_out', 'escalations', 'escalation_rate',
  'avg_sentiment', 'response_time_p50_ms', 'response_time_p95_ms', 'replies_timed',
] as const

/**
 * The analysts' reports (docs/analytics.md), for any staff member: the analyst role is enough.
 * JSON by default, CSV with ?format=csv. They count and average; the only customer words they
 * carry are the sentiment report's excerpts, which every staff role can read on the ticket anyway.
 */
export function reportRoutes(deps: GatewayDeps): Router<StaffState> {
  const router = new Router<StaffState>()
  const read = requireStaff(deps, 'read')

  router.get('/metrics/channels', read, async (ctx) => {
    const format = parseFormat(ctx.query)
    const range = parseRange(ctx.query, new Date())!
    const metrics = await channelMetrics(deps.db, range)
    if (format === 'json') {
      ctx.body = { from: range.from.toISOString(), to: range.to.toISOString(), ...metrics }
      return
    }
    const rows = CHANNELS.map((channel) => ({ channel, from: range.from.toISOString(), to: range.to.toISOString(), ...metrics[channel] }))
    sendCsv(ctx, `channels-${range.from.toISOString().slice(0, 10)}.csv`, CHANNEL_COLUMNS, rows)
  })

  router.get('/metrics/summary', read, async (ctx) => {
    const format = parseFormat(ctx.query)
    // Over every ticket unless a range is asked for: "how are we doing" is about all of them.
    const report = await summary(deps.db, parseRange(ctx.query, new Date(), null))
    if (format === 'json') {
      ctx.body = report
      return
    }
    const rows: Record<string, string | number | null>[] = [
      { section: 'tickets', key: 'total', value: report.tickets },
      ...Object.entries(report.tickets_by_status).map(([key, value]) => ({ section: 'tickets_by_status', key, value })),
      { section: 'escalation', key: 'rate', value: report.escalation_rate },
      ...report.escalations_by_reason.map((r) => ({ section: 'escalations_by_reason', key: r.reason, value: r.escalations })),
      { section: 'customers', key: 'total', value: report.customers },
      ...('new_customers' in report ? [{ section: 'customers', key: 'new', value: report.new_customers ?? 0 }] : []),
      { section: 'resolution', key: 'resolved', value: report.resolved },
      { section: 'resolution', key: 'p50_seconds', value: report.resolution_time_p50_s },
      { section: 'resolution', key: 'p95_seconds', value: report.resolution_time_p95_s },
      ...report.top_categories.map((c) => ({ section: 'top_categories', key: c.category, value: c.tickets })),
    ]
    sendCsv(ctx, 'summary.csv', ['section', 'key', 'value'], rows.map((r) => ({ from: report.from, to: report.to, ...r })))
  })

  router.get('/reports/sentiment', read, async (ctx) => {
    const format = parseFormat(ctx.query)
    const report = await sentimentReport(deps.db, parseReportDay(ctx.query, new Date()))
    if (format === 'json') {
      ctx.body = report
      return
    }
    // One table with a row kind: the channels' figures, then the most negative conversations.
    const rows = [
      ...CHANNELS.map((channel) => ({ date: report.date, row: 'channel', channel, ...report.channels[channel] })),
      ...report.most_negative.map((c) => ({ date: report.date, row: 'negative_conversation', ...c })),
    ]
    sendCsv(ctx, `sentiment-${report.date}.csv`, [
      'date', 'row', 'channel', 'conversations', 'messages', 'negative_messages', 'avg_sentiment', 'previous_7_days_messages',
      'previous_7_days_avg_sentiment', 'change', 'conversation_id', 'ticket_id', 'ticket_number', 'category', 'subject', 'status',
      'escalation_reason', 'excerpt',
    ], rows)
  })

  // How fresh the reports are: each read model's events not yet applied (also a Prometheus gauge).
  router.get('/metrics/read-models', read, async (ctx) => {
    ctx.body = { read_models: await readModelLag(deps.transport) }
  })

  return router
}
