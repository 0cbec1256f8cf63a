import { useEffect, useId, useState } from 'react'
import { api } from './api.js'
import type { ChannelMetrics } from '../../../projections/reports/reports.js'
import { BarChart, SentimentLines, type Series } from './charts.js'
import { channelText, reasonText, sentimentText } from './labels.js'
import type { ScreenProps } from './screens.js'
import { useScreenHeading } from './useScreenHeading.js'

type Channel = 'email' | 'whatsapp' | 'web_form'
const CHANNELS: Channel[] = ['email', 'whatsapp', 'web_form']
// The API's own type, imported as a type only (nothing of the server reaches the bundle).
type ChannelFigures = ChannelMetrics
type ChannelReport = Record<Channel, ChannelFigures> & { from: string; to: string }
interface Summary {
  tickets: number
  escalation_rate: number | null
  customers: number
  resolution_time_p50_s: number | null
  resolution_time_p95_s: number | null
  escalations_by_reason: { reason: string; escalations: number }[]
  top_categories: { category: string; tickets: number }[]
}
interface SentimentReport {
  date: string
  days: { day: string; channel: Channel; messages: number; avg_sentiment: number | null }[]
  most_negative: { conversation_id: string; ticket_id: string; ticket_number: string | null; channel: Channel; avg_sentiment: number | null; subject: string | null; category: string | null; excerpt: string }[]
}

const PERIODS = { '1': 'Last 24 hours', '7': 'Last 7 days', '30': 'Last 30 days' } as const
type Period = keyof typeof PERIODS

const channelSeries: Series[] = CHANNELS.map((c) => ({ key: c, label: channelText(c) }))
const percent = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)} %`)
const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : ms < 7_200_000 ? `${Math.round(ms / 60_000)} min` : `${(ms / 3_600_000).toFixed(1)} h`)
const seconds = (s: number | null) => (s === null ? '–' : duration(s * 1000))
const count = (v: number) => String(Math.round(v))

/** The last `days` days up to now, as the reports API takes it. */
function rangeOf(period: Period, now: number) {
  return { from: new Date(now - Number(period) * 86_400_000).toISOString(), to: new Date(now).toISOString() }
}

interface ReadModelLag {
  read_model: string
  lag: number
  events: number
}
type Loaded = { channels: ChannelReport; summary: Summary; sentiment: SentimentReport; readModels: ReadModelLag[] }

/**
 * What analysts look at: volume, hand-overs and their reasons, response times and how customers
 * felt, as charts over the reports API (each with its figures as a table, and as CSV).
 */
export function Reports({ report, say }: ScreenProps) {
  const heading = useScreenHeading('Reports')
  const uid = useId()
  const [period, setPeriod] = useState<Period>('7')
  const [data, setData] = useState<Loaded | null>(null)
  const [range, setRange] = useState(() => rangeOf('7', Date.now()))

  useEffect(() => {
    const r = rangeOf(period, Date.now())
    setRange(r)
    const q = `from=${encodeURIComponent(r.from)}&to=${encodeURIComponent(r.to)}`
    let live = true
    Promise.all([
      api<ChannelReport>(`/metrics/channels?${q}`),
      api<Summary>(`/metrics/summary?${q}`),
      api<SentimentReport>('/reports/sentiment'),
      api<{ read_models: ReadModelLag[] }>('/metrics/read-models'),
    ])
      .then(([channels, summary, sentiment, lag]) => {
        if (!live) return
        setData({ channels, summary, sentiment, readModels: lag.read_models })
        say(`Reports for the ${PERIODS[period].toLowerCase()} loaded.`)
      })
      .catch(report)
    return () => {
      live = false
    }
  }, [period, report, say])

  const q = `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`
  // Every one of the 8 days, those without messages too: a gap in the line says "no messages".
  const days = data ? Array.from({ length: 8 }, (_, i) => new Date(Date.parse(data.sentiment.date) - (7 - i) * 86_400_000).toISOString().slice(0, 10)) : []
  const sentimentValues = Object.fromEntries(
    CHANNELS.map((c) => [c, days.map((day) => data?.sentiment.days.find((d) => d.day === day && d.channel === c)?.avg_sentiment ?? null)]),
  )
  return (
    <section aria-labelledby="reports-title" className="reports">
      <div className="screen-head">
        <h1 id="reports-title" ref={heading} tabIndex={-1}>
          Reports
        </h1>
        <div className="fte-field period">
          <label htmlFor={`${uid}-period`}>Period</label>
          <select id={`${uid}-period`} value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            {(Object.keys(PERIODS) as Period[]).map((p) => (
              <option key={p} value={p}>
                {PERIODS[p]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!data ? <p className="muted">Loading…</p> : null}
      {data ? (
        <>
          <dl className="facts tiles" aria-label="Summary">
            <div>
              <dt>Tickets opened</dt>
              <dd>{data.summary.tickets}</dd>
            </div>
            <div>
              <dt>Handed to a person</dt>
              <dd>{percent(data.summary.escalation_rate)}</dd>
            </div>
            <div>
              <dt>Customers (all time)</dt>
              <dd>{data.summary.customers}</dd>
            </div>
            <div>
              <dt>Resolution time, median / p95</dt>
              <dd>
                {seconds(data.summary.resolution_time_p50_s)} / {seconds(data.summary.resolution_time_p95_s)}
              </dd>
            </div>
          </dl>
          <div className="chart-grid">
            <SentimentLines
              title="Sentiment per day and channel"
              caption={`Average sentiment of customers' messages, ${days[0] ?? ''} to ${data.sentiment.date} (UTC days). 0 is very negative, 1 very positive; below 0.3 the agent hands over.`}
              days={days}
              series={channelSeries}
              values={sentimentValues}
              format={(v) => v.toFixed(2)}
              empty="No scored messages in these 8 days."
            />
            <BarChart
              title="Escalations by reason"
              caption={`Hand-overs to a person, ${PERIODS[period].toLowerCase()}.`}
              groups={data.summary.escalations_by_reason.map((r) => ({ label: reasonText(r.reason), values: { n: r.escalations } }))}
              series={[{ key: 'n', label: 'Escalations' }]}
              format={count}
              empty="No hand-overs in this period."
            />
            <BarChart
              title="Response time percentiles"
              caption="From a customer's message arriving to our reply leaving, per channel: the median (p50) and the slowest 5 % (p95)."
              groups={CHANNELS.map((c) => ({ label: channelText(c), values: { p50: data.channels[c].response_time_p50_ms, p95: data.channels[c].response_time_p95_ms } }))}
              series={[{ key: 'p50', label: 'p50' }, { key: 'p95', label: 'p95' }]}
              format={duration}
              empty="No replies sent in this period."
            />
            <BarChart
              title="Volume per channel"
              caption="Customers' messages in, our replies out, and conversations, per channel."
              groups={CHANNELS.map((c) => ({ label: channelText(c), values: { in: data.channels[c].messages_in, out: data.channels[c].messages_out, conversations: data.channels[c].total_conversations } }))}
              series={[{ key: 'in', label: 'Messages in' }, { key: 'out', label: 'Replies out' }, { key: 'conversations', label: 'Conversations' }]}
              format={count}
              empty="No messages in this period."
            />
          </div>
          <section className="panel" aria-labelledby={`${uid}-neg`}>
            <h2 id={`${uid}-neg`}>Most negative conversations today</h2>
            {data.sentiment.most_negative.length === 0 ? <p className="empty">No conversation below neutral today.</p> : null}
            <ul className="history">
              {data.sentiment.most_negative.map((c) => (
                <li key={c.conversation_id} className="msg msg-customer">
                  <p className="msg-head">
                    <a href={`/console/tickets/${encodeURIComponent(c.ticket_id)}`}>{c.ticket_number ?? c.ticket_id}</a> <span className={`badge channel-${c.channel}`}>{channelText(c.channel)}</span>{' '}
                    {c.subject ? <strong>{c.subject}</strong> : null} <span className="muted">{sentimentText(c.avg_sentiment)}</span>
                  </p>
                  <p className="msg-body">{c.excerpt}</p>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby={`${uid}-fresh`}>
            <h2 id={`${uid}-fresh`}>How fresh these figures are</h2>
            <p className="hint">Each read model is built from the event log; events it has not applied yet are not in the figures above.</p>
            <table className="queue read-models">
              <thead>
                <tr>
                  <th scope="col">Read model</th>
                  <th scope="col">State</th>
                  <th scope="col">Events behind</th>
                  <th scope="col">Events in its log</th>
                </tr>
              </thead>
              <tbody>
                {data.readModels.map((m) => (
                  <tr key={m.read_model}>
                    <th scope="row" className="mono">
                      {m.read_model}
                    </th>
                    <td>{m.lag === 0 ? 'Up to date' : `Catching up: ${count(m.lag)} behind`}</td>
                    <td>{count(m.lag)}</td>
                    <td>{count(m.events)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="panel" aria-labelledby={`${uid}-csv`}>
            <h2 id={`${uid}-csv`}>Download</h2>
            <ul className="downloads">
              <li>
                <a href={`/metrics/channels?${q}&format=csv`}>Channels, {PERIODS[period].toLowerCase()} (CSV)</a>
              </li>
              <li>
                <a href={`/metrics/summary?${q}&format=csv`}>Summary, {PERIODS[period].toLowerCase()} (CSV)</a>
              </li>
              <li>
                <a href={`/reports/sentiment?date=${data.sentiment.date}&format=csv`}>Sentiment report, {data.sentiment.date} (CSV)</a>
              </li>
            </ul>
          </section>
        </>
      ) : null}
    </section>
  )
}
