/**
 * The analysts' reports on the real embedded stack: messages sent through the whole pipeline on
 * known days, then the channel metrics, the summary and the daily sentiment report read back in
 * JSON and CSV, with the credential and parameter checks a typed-by-hand GET needs; then the
 * console's reports page in a real Chromium (screenshot: /tmp/fte-reports.png).
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import type { Running } from '../../bin/roles.js'
import { Topics, type InboundMessage } from '../../schemas/index.js'
import { startSeeded } from '../../testing/seeded.js'
import { eventually, testConfig, testLog, uniqueName } from '../../testing/stack.js'
import { staffMember } from '../../testing/staff.js'
import { consolePageAs, noChromium, sharedChromium, waitForText } from '../../testing/browser.js'

type Json = Record<string, any>
const DAY = 86_400_000
const utcMidnight = (ms: number) => Math.floor(ms / DAY) * DAY
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

describe('reports', () => {
  let rt: Runtime
  let app: Running
  let analyst: Awaited<ReturnType<typeof staffMember>>
  // The report day is three days back, so its 7 days before are history the test writes too.
  const day = utcMidnight(Date.now()) - 3 * DAY
  const since = new Date(day - 5 * DAY).toISOString()
  const until = new Date(Date.now() + 60_000).toISOString()
  const sent: InboundMessage[] = []

  const whatsapp = (phone: string, content: string, at: number): InboundMessage => ({
    event_id: uniqueName('wa'), occurred_at: at, channel: 'whatsapp', channel_message_id: uniqueName('SM'), ticket_id: null,
    sender: { name: 'Wen Li', email: null, phone, verified: true }, subject: null, category: null, priority: null, content, thread_id: null,
  })
  const email = (address: string, subject: string, content: string, at: number): InboundMessage => ({
    event_id: uniqueName('em'), occurred_at: at, channel: 'email', channel_message_id: `<${uniqueName('m')}@mail.example>`, ticket_id: null,
    sender: { name: 'Eve Ma', email: address, phone: null, verified: true }, subject, category: null, priority: null, content, thread_id: uniqueName('th'),
  })
  const get = async (p: string, as: { headers: Record<string, string> } | null = analyst) => {
    const res = await fetch(`${app.url}${p}`, { headers: as?.headers ?? {} })
    const type = res.headers.get('content-type') ?? ''
    return { status: res.status, type, disposition: res.headers.get('content-disposition'), body: type.includes('json') ? ((await res.json()) as Json) : await res.text() }
  }
  const json = async (p: string) => {
    const r = await get(p)
    assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.body)}`)
    return r.body as Json
  }

  before(async () => {
    rt = await openRuntime(testConfig({ FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-reports-')) }), testLog())
    app = await startSeeded(rt)
    analyst = await staffMember(rt.db, 'analyst', 'Ana Lyst')
    sent.push(
      // The report day: two calm questions, one furious customer (handed over), one email.
      whatsapp('+14155550101', 'How do I export my project data to CSV?', day + 9 * 3_600_000),
      whatsapp('+14155550102', 'how can I invite a teammate to my workspace', day + 10 * 3_600_000),
      whatsapp('+14155550103', '=This is the worst service ever. I am furious, disgusted and angry, you are useless and I hate this garbage', day + 11 * 3_600_000),
      email('eve@example.com', 'Password reset', 'Hello, how do I reset my password? Thanks a lot, Eve', day + 12 * 3_600_000),
      // Two days before: a pleasant one, for the trend.
      whatsapp('+14155550104', 'Thanks so much, I love the new dashboard! How do I share it with my team?', day - 2 * DAY + 3_600_000),
    )
    await rt.transport.publish(sent.map((m) => ({ topic: Topics.ticketsIncoming, key: m.sender.phone ?? m.sender.email!, value: m })))
    // Every message settled: answered (a reply sent) or handed over.
    await eventually(async () => {
      const r = await rt.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM tickets WHERE status IN ('responded', 'escalated')`,
      )
      const timed = await rt.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reply_metrics')
      const replies = await rt.db.query<{ n: number }>("SELECT count(*)::int AS n FROM messages WHERE direction = 'outbound'")
      return r.rows[0]!.n === sent.length && timed.rows[0]!.n === replies.rows[0]!.n && replies.rows[0]!.n >= sent.length - 1
    }, { what: 'every message answered or handed over', timeoutMs: 60_000 })
  })
  after(async () => {
    await app?.close()
    await rt?.close()
  })

  it('asks for a staff credential; the analyst role is enough', async () => {
    for (const p of ['/metrics/channels', '/metrics/summary', '/reports/sentiment', '/metrics/channels?format=csv', '/metrics/read-models']) {
      assert.equal((await get(p, null)).status, 401, p)
      assert.equal((await get(p, { headers: { authorization: 'Bearer fte_nope' } })).status, 401, p)
      assert.equal((await get(p)).status, 200, p)
    }
  })

  it('counts each channel: conversations, messages both ways, hand-overs, sentiment, response times', async () => {
    const r = await json(`/metrics/channels?from=${since}&to=${until}`)
    assert.deepEqual(Object.keys(r).filter((k) => k !== 'from' && k !== 'to').sort(), ['email', 'web_form', 'whatsapp'])
    const wa = r.whatsapp
    assert.equal(wa.total_conversations, 4)
    assert.equal(wa.messages_in, 4)
    const outbound = (await rt.db.query<{ channel: string; n: number }>("SELECT channel, count(*)::int AS n FROM messages WHERE direction = 'outbound' GROUP BY channel")).rows
    assert.equal(wa.messages_out, outbound.find((o) => o.channel === 'whatsapp')?.n)
    assert.ok(wa.escalations >= 1, 'the furious customer was handed over')
    assert.equal(wa.escalation_rate, Math.round((wa.escalations / 4) * 1000) / 1000)
    assert.ok(wa.avg_sentiment > 0 && wa.avg_sentiment < 1)
    // Received days ago, answered now: the response time is the days in between.
    assert.ok(wa.response_time_p50_ms > DAY, `p50 ${wa.response_time_p50_ms}`)
    assert.ok(wa.response_time_p95_ms >= wa.response_time_p50_ms)
    assert.equal(r.email.total_conversations, 1)
    assert.equal(r.email.messages_in, 1)
    assert.deepEqual(
      { ...r.web_form },
      { total_conversations: 0, messages_in: 0, messages_out: 0, escalations: 0, escalation_rate: null, avg_sentiment: null, response_time_p50_ms: null, response_time_p95_ms: null, replies_timed: 0 },
    )
    // The default range is the last 24 hours: these messages are older, their replies are not.
    const recent = await json('/metrics/channels')
    assert.equal(recent.whatsapp.messages_in, 0)
    assert.equal(recent.whatsapp.messages_out, wa.messages_out)
    assert.ok(Date.parse(recent.to) - Date.parse(recent.from) === DAY)
  })

  it('summarises tickets by status, hand-overs by reason, customers, resolution time and categories', async () => {
    const s = await json('/metrics/summary')
    assert.equal(s.tickets, sent.length)
    assert.equal(Object.values(s.tickets_by_status as Record<string, number>).reduce((a, b) => a + b, 0), sent.length)
    assert.equal(s.customers, sent.length)
    assert.ok(s.escalation_rate > 0 && s.escalation_rate < 1)
    assert.ok((s.escalations_by_reason as Json[]).some((e) => e.reason === 'negative_sentiment' && e.escalations >= 1), JSON.stringify(s.escalations_by_reason))
    assert.equal((s.top_categories as Json[]).reduce((n, c) => n + c.tickets, 0), sent.length)
    assert.equal(s.resolved, 0)
    assert.equal(s.resolution_time_p50_s, null)
    // A range counts the tickets opened in it: only the one two days before the report day here.
    const early = await json(`/metrics/summary?from=${isoDay(day - 2 * DAY)}&to=${isoDay(day - DAY)}`)
    assert.equal(early.tickets, 1)
    assert.equal(early.new_customers, 1)
  })

  it('reports a day: per channel against the 7 days before, and the most negative conversations with what they were about', async () => {
    const r = await json(`/reports/sentiment?date=${isoDay(day)}`)
    assert.equal(r.date, isoDay(day))
    assert.deepEqual(r.compared_with, { from: isoDay(day - 7 * DAY), to: isoDay(day - DAY) })
    const wa = r.channels.whatsapp
    assert.equal(wa.messages, 3)
    assert.equal(wa.conversations, 3)
    assert.ok(wa.negative_messages >= 1)
    assert.equal(wa.previous_7_days_messages, 1)
    assert.ok(wa.change < 0, 'the day was worse than the pleasant one before it')
    assert.equal(r.channels.email.messages, 1)
    assert.equal(r.channels.web_form.messages, 0)
    const worst = r.most_negative[0]
    assert.equal(worst.channel, 'whatsapp')
    assert.match(worst.excerpt, /worst service ever/)
    assert.match(worst.ticket_number, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    assert.ok((r.most_negative as Json[]).every((c) => c.avg_sentiment < 0.5))
    assert.ok((r.days as Json[]).some((d) => d.day === isoDay(day - 2 * DAY) && d.channel === 'whatsapp' && d.messages === 1))
  })

  it('gives every report as CSV, with formulas in customers\' words defused', async () => {
    const channels = await get(`/metrics/channels?from=${since}&to=${until}&format=csv`)
    assert.equal(channels.status, 200)
    assert.match(channels.type, /^text\/csv/)
    assert.match(channels.disposition ?? '', /^attachment; filename="channels-[\d-]+\.csv"$/)
    const lines = (channels.body as string).trim().split('\r\n')
    assert.equal(lines[0], 'channel,from,to,total_conversations,messages_in,messages_out,escalations,escalation_rate,avg_sentiment,response_time_p50_ms,response_time_p95_ms,replies_timed')
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), ['"email"', '"whatsapp"', '"web_form"'])
    assert.equal(lines[2]!.split(',')[3], '4')

    const summary = (await get('/metrics/summary?format=csv')).body as string
    assert.match(summary, /\r\n"tickets","total",5\r\n/)
    assert.match(summary, /\r\n"tickets_by_status","escalated",\d+\r\n/)

    const sentiment = (await get(`/reports/sentiment?date=${isoDay(day)}&format=csv`)).body as string
    const negative = sentiment.split('\r\n').find((l) => l.includes('negative_conversation'))!
    assert.ok(negative.includes(`'=This is the worst service ever`), negative)
  })

  it('answers a bad parameter with a 400 naming it, and an unknown conversation with a 404', async () => {
    const cases: [string, string][] = [
      ['/metrics/channels?from=yesterday', 'from'],
      ['/metrics/channels?to=2026-02-30', 'to'],
      [`/metrics/channels?from=${until}&to=${since}`, 'to'],
      ['/metrics/channels?from=2020-01-01&to=2026-01-01', 'from'],
      ['/metrics/summary?from=2026-12-01T10:00', 'from'],
      ['/reports/sentiment?date=12/01/2026', 'date'],
      ['/reports/sentiment?date=2026-12-01&date=2026-12-02', 'date'],
      ['/metrics/channels?format=xml', 'format'],
    ]
    for (const [p, field] of cases) {
      const r = await get(p)
      assert.equal(r.status, 400, p)
      assert.equal((r.body as Json).error, 'invalid_parameter', p)
      assert.deepEqual((r.body as Json).details, [{ field, message: (r.body as Json).details[0].message }], p)
      assert.ok(((r.body as Json).message as string).startsWith(`${field}: `), p)
    }
    assert.equal((await get('/conversations/00000000-0000-4000-8000-000000000000')).status, 404)
    assert.equal((await get('/conversations/not-an-id?format=csv')).status, 404)
  })

  it('tells how far behind the log each read model is', async () => {
    const r = await json('/metrics/read-models')
    const names = (r.read_models as Json[]).map((m) => m.read_model).sort()
    assert.deepEqual(names, ['customers', 'dead_letters', 'knowledge_base', 'knowledge_candidates', 'messages', 'metrics', 'tickets'])
    const tickets = (r.read_models as Json[]).find((m) => m.read_model === 'tickets')!
    assert.ok(tickets.events > sent.length, 'the tickets projection reads several topics')
    await eventually(async () => ((await json('/metrics/read-models')).read_models as Json[]).every((m) => m.lag === 0), { what: 'every read model up to date' })
    const metrics = await (await fetch(`${app.metricsUrl}/metrics`)).text()
    assert.match(metrics, /^fte_projection_lag_events\{read_model="tickets"\} \d+$/m)
  })

  it('gives a conversation\'s full history with the channel on every message, as JSON or CSV', async () => {
    const id = (await rt.db.query<{ conversation_id: string }>("SELECT conversation_id FROM messages WHERE sender_email = 'eve@example.com'")).rows[0]!.conversation_id
    const view = await json(`/conversations/${id}`)
    assert.ok((view.messages as Json[]).length >= 1)
    assert.ok((view.messages as Json[]).every((m) => m.channel === 'email'))
    const csv = await get(`/conversations/${id}?format=csv`)
    assert.match(csv.type, /^text\/csv/)
    const rows = (csv.body as string).trim().split('\r\n')
    assert.ok(rows[0]!.startsWith('conversation_id,ticket_id,created_at,channel,direction'))
    assert.equal(rows.length - 1, (view.messages as Json[]).length)
  })

  describe('the console reports page, in Chromium', { skip: noChromium }, () => {
    const chromium = sharedChromium()

    it('draws sentiment per day, escalations by reason, response-time percentiles and volume, with their figures and CSV', async () => {
      // One more furious customer today, so the day's most negative conversations have one.
      const today = whatsapp('+14155550109', 'This is absolutely terrible, I am furious and fed up, your app lost all my work AGAIN', Date.now())
      await rt.transport.publish([{ topic: Topics.ticketsIncoming, key: today.sender.phone!, value: today }])
      await eventually(async () => ((await json('/reports/sentiment')).most_negative as Json[]).length > 0, { what: "today's negative conversation" })

      const { context, page, problems } = await consolePageAs(chromium(), `${app.url}/console/reports`, analyst.token, { width: 1360, height: 1000 })
      await waitForText(page.locator('h1'), /^Reports$/, 'the reports screen after signing in')
      assert.equal(new URL(page.url()).pathname, '/console/reports', 'back on the page asked for')
      assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Reports')
      await waitForText(page.locator('[data-live="status"]'), /last 7 days loaded/, 'the reports loaded')

      const figure = (title: string) => page.locator('figure.chart', { has: page.getByRole('heading', { name: title }) })
      const marks = async (title: string) => page.locator('figure.chart', { has: page.getByRole('heading', { name: title }) }).locator('svg[role="img"] title').allTextContents()
      assert.equal(await page.locator('figure.chart svg[role="img"]').count(), 4, 'four charts drawn')

      // Volume: the 7 days hold the five WhatsApp messages (today's too) and the email.
      const volume = await marks('Volume per channel')
      assert.ok(volume.includes('WhatsApp, Messages in: 5'), volume.join(' | '))
      assert.ok(volume.includes('Email, Messages in: 1'), volume.join(' | '))
      assert.ok(volume.some((t) => /^WhatsApp, Replies out: [1-9]/.test(t)))
      // Escalations by reason, in words.
      assert.ok((await marks('Escalations by reason')).some((t) => /^Upset customer, Escalations: [1-9]/.test(t)))
      // Response time: p50 and p95 per channel, days long here because the messages are dated back.
      const timing = await marks('Response time percentiles')
      assert.ok(timing.some((t) => /^WhatsApp, p95: \d+(\.\d)? h$/.test(t)), timing.join(' | '))
      assert.ok(timing.includes('Web form, p50: no data'))
      // Sentiment: points on the days that had messages, none on the days that had none.
      const points = await figure('Sentiment per day and channel').locator('g[data-series="whatsapp"] circle').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-day')))
      assert.deepEqual(points.sort(), [isoDay(day - 2 * DAY), isoDay(day), isoDay(Date.now())].sort())
      // The figures behind a chart, as a table.
      await figure('Volume per channel').getByText('Show the figures').click()
      const row = (await figure('Volume per channel').locator('tr', { has: page.locator('th', { hasText: 'WhatsApp' }) }).locator('th, td').allTextContents()).join(' ')
      assert.match(row, /^WhatsApp 5 [1-9]\d* 5$/)
      // Today's most negative conversation, linked to its ticket.
      const negative = page.locator('section.panel', { has: page.getByRole('heading', { name: 'Most negative conversations today' }) })
      await waitForText(negative, /lost all my work AGAIN/, 'the excerpt')
      assert.match((await negative.locator('a').first().getAttribute('href'))!, /^\/console\/tickets\//)
      await waitForText(page.locator('table.read-models tr', { hasText: 'tickets' }), /^tickets\s*Up to date\s*0\s*\d+$/, 'the tickets read model up to date')
      await page.screenshot({ path: '/tmp/fte-reports.png', fullPage: true })

      // Another period re-reads everything: in the last 24 hours only today's message came in.
      await page.getByLabel('Period').selectOption('1')
      await waitForText(page.locator('[data-live="status"]'), /last 24 hours loaded/, 'the 24-hour reports')
      assert.ok((await marks('Volume per channel')).includes('WhatsApp, Messages in: 1'))
      const csv = await page.getByRole('link', { name: /^Channels, last 24 hours \(CSV\)$/ }).getAttribute('href')
      const download = await page.evaluate(async (href) => (await fetch(href!)).text(), csv)
      assert.match(download.split('\r\n')[0]!, /^channel,from,to,total_conversations/)
      assert.deepEqual(problems, [])
      await context.close()
    })
  })
})
