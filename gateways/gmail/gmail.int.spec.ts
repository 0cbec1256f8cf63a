/**
 * The Gmail channel end to end in embedded mode: Pub/Sub push -> OIDC check -> history sync
 * through the official googleapis client -> pipeline -> reply sent with users.messages.send in
 * the customer's thread. Google is a local stand-in (testing/standIns/google.ts): token
 * endpoint, Gmail REST API, and a JWKS whose key signs the push tokens.
 */
import { ticketNumber } from '../../platform/ids.js'
import { startSeeded } from '../../testing/seeded.js'
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { generateKeyPair } from 'jose'
import { simpleParser } from 'mailparser'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import type { Running } from '../../bin/roles.js'
import { createGateway } from '../gateway.js'
import { Topics } from '../../schemas/index.js'
import { eventually, testConfig, testLog, uniqueName } from '../../testing/stack.js'
import { startGoogleStandIn, type GoogleStandIn } from '../../testing/standIns/google.js'
import { watchMailbox } from './watchCommand.js'
import { RESYNC_QUERY, SYNC_LIMITS } from './mailboxSync.js'
import { PUSH_SOURCE } from './pushDeadLetter.js'
import { replayDeadLetters } from '../../bin/deadLetters.js'
import { MAX_CONTENT_CHARS } from './emailContent.js'
import { staffMember } from '../../testing/staff.js'

const MAILBOX = 'support@acme-support.test'
const AUDIENCE = 'https://fte.acme-support.test/webhooks/gmail'
const PUSHER = 'gmail-push@acme-project.iam.gserviceaccount.com'

/**
 * A customer's email as Gmail stores it: topped by the Authentication-Results Gmail adds on
 * receipt (DKIM passed for the sender's domain, unless `authentication` says otherwise).
 */
function customerEmail(o: { from: string; name: string; subject: string; body: string; messageId: string; extraHeaders?: string[]; authentication?: string | null }): string {
  const domain = o.from.split('@')[1]
  const authentication = o.authentication === undefined ? `mx.google.com; dkim=pass header.i=@${domain} header.s=s1; spf=pass smtp.mailfrom=${o.from}` : o.authentication
  return [
    ...(authentication === null ? [] : [`Authentication-Results: ${authentication}`]),
    `From: "${o.name}" <${o.from}>`,
    `To: Acme Support <${MAILBOX}>`,
    `Subject: ${o.subject}`,
    `Message-ID: ${o.messageId}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    ...(o.extraHeaders ?? []),
    'Content-Type: text/plain; charset="UTF-8"',
    'Content-Transfer-Encoding: 7bit',
    '',
    o.body.replace(/\n/g, '\r\n'),
    '',
  ].join('\r\n')
}

describe('Gmail channel (official googleapis client, local Google stand-in)', () => {
  let google: GoogleStandIn
  let rt: Runtime
  let app: Running
  let url: string
  let adaPush: unknown

  const envelope = (historyId: number | string, emailAddress = MAILBOX) => ({
    message: {
      data: Buffer.from(JSON.stringify({ emailAddress, historyId })).toString('base64'),
      messageId: uniqueName('pubsub'),
      publishTime: new Date().toISOString(),
    },
    subscription: 'projects/acme-project/subscriptions/gmail-push',
  })
  const push = async (body: unknown, opts: { token?: string | null; raw?: string; contentType?: string } = {}) => {
    const token = opts.token === undefined ? await google.pushToken() : opts.token
    return fetch(`${url}/webhooks/gmail`, {
      method: 'POST',
      headers: { 'content-type': opts.contentType ?? 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: opts.raw ?? JSON.stringify(body),
    })
  }
  let member: Awaited<ReturnType<typeof staffMember>> | undefined
  const staff = async () => (member ??= await staffMember(rt.db, 'analyst'))
  const lookup = async (email: string) => {
    const r = await fetch(`${url}/customers/lookup?email=${encodeURIComponent(email)}`, { headers: (await staff()).headers })
    return r.status === 200 ? ((await r.json()) as Record<string, any>) : null
  }
  const ticket = async (id: string) => (await (await fetch(`${url}/support/ticket/${id}`)).json()) as Record<string, any>
  const sentTo = (email: string) => google.sent.filter((m) => new RegExp(`^To: .*${email.replace(/[.+]/g, '\\$&')}`, 'mi').test(m.mime))
  const count = async (sql: string, params: unknown[] = []) => (await rt.db.query<{ n: number }>(sql, params)).rows[0]!.n
  const published = () => count('SELECT count(*)::int AS n FROM event_log WHERE topic = ANY($1::text[])', [[Topics.ticketsIncoming, Topics.dlq]])
  const gmailCalls = () => google.requests.filter((r) => r.path.startsWith('/gmail/')).length
  const settle = (ms = 1200) => new Promise((r) => setTimeout(r, ms))

  before(async () => {
    google = await startGoogleStandIn({ audience: AUDIENCE, serviceAccount: PUSHER })
    rt = await openRuntime(
      testConfig({
        FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-gmail-')),
        GMAIL_ADDRESS: MAILBOX,
        GMAIL_CLIENT_ID: '1234567890-standin.apps.googleusercontent.com',
        GMAIL_CLIENT_SECRET: 'GOCSPX-standin-secret',
        GMAIL_REFRESH_TOKEN: '1//standin-refresh-token',
        GMAIL_PUSH_AUDIENCE: AUDIENCE,
        GMAIL_PUSH_SERVICE_ACCOUNT: PUSHER,
        GOOGLE_CERTS_URL: google.certsUrl,
        GOOGLE_API_ROOT_URL: google.url,
        GOOGLE_TOKEN_URL: google.tokenUrl,
        GMAIL_RESYNC_MAX: '5',
        PUBLIC_BASE_URL: 'https://support.acme.test',
      }),
      testLog(),
    )
    app = await startSeeded(rt)
    url = app.url!
  })
  after(async () => {
    await app?.close()
    await rt?.close()
    await google?.close()
  })

  it('fte gmail watch: starts the push watch on INBOX and records where reading starts', async () => {
    const w = await watchMailbox(rt, 'projects/acme-project/topics/gmail')
    assert.equal(w.historyId, String(google.historyId))
    assert.equal(w.cursorStarted, true)
    const call = google.requests.find((r) => r.path === '/gmail/v1/users/me/watch')!
    assert.deepEqual(JSON.parse(call.body), { topicName: 'projects/acme-project/topics/gmail', labelIds: ['INBOX'], labelFilterBehavior: 'include' })
    const again = await watchMailbox(rt, 'projects/acme-project/topics/gmail')
    assert.equal(again.cursorStarted, false, 'renewing never moves the cursor')
    const token = google.requests.find((r) => r.path === '/token')!
    assert.equal(new URLSearchParams(token.body).get('refresh_token'), '1//standin-refresh-token')
    assert.equal(call.authorization, `Bearer ${google.accessToken}`)
  })

  it('answers a pushed email in its Gmail thread, with In-Reply-To and References of the original', async () => {
    const original = google.deliver(
      customerEmail({
        from: 'ada.gmail@example.com', name: 'Ada Lovelace', subject: 'Cannot log in', messageId: '<CAF=ada-1@mail.example.com>',
        body: 'Hi,\n\nI forgot my password and cannot log in to my account.\n\nThanks,\nAda\n\nOn Mon, 3 Mar 2025 at 10:00, Acme Support <support@acme-support.test> wrote:\n> How can we help?\n',
      }),
      { threadId: 'thread-ada-1' },
    )
    adaPush = envelope(google.historyId)
    const res = await push(adaPush)
    assert.equal(res.status, 204)

    const [reply] = await eventually(async () => (sentTo('ada.gmail@example.com').length ? sentTo('ada.gmail@example.com') : null), { what: 'the email reply' })
    assert.equal(reply!.threadId, original.threadId, 'sent in the customer thread')
    const mail = await simpleParser(reply!.mime)
    assert.equal(mail.inReplyTo, '<CAF=ada-1@mail.example.com>')
    assert.deepEqual([mail.references].flat(), ['<CAF=ada-1@mail.example.com>'])
    assert.equal(mail.subject, 'Re: Cannot log in')
    assert.equal(mail.from?.value[0]?.address, MAILBOX)
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null, 'ada.gmail@example.com')
    assert.equal(mail.headers.get('auto-submitted'), 'auto-replied')
    assert.match(mail.text ?? '', /Forgot password/)
    const metadata = google.requests.find((r) => r.path === `/gmail/v1/users/me/messages/${original.id}` && r.query.get('format') === 'metadata')
    assert.ok(metadata, 'the Message-ID was read from Gmail at send time')

    const customer = await eventually(async () => {
      const c = await lookup('ada.gmail@example.com')
      return c?.conversations?.[0]?.tickets?.[0]?.status === 'responded' ? c : null
    }, { what: 'the ticket read model' })
    assert.equal(customer.name, 'Ada Lovelace')
    const view = await eventually(async () => {
      const v = await ticket(customer.conversations[0].tickets[0].ticket_id)
      return v.messages.length === 2 && v.messages[1].delivery_status === 'sent' ? v : null
    }, { what: 'the delivery status' })
    assert.equal(view.channel, 'email')
    assert.equal(view.subject, 'Cannot log in')
    assert.deepEqual(view.messages.map((m: any) => `${m.direction}:${m.channel}`), ['inbound:email', 'outbound:email'])
    assert.equal(view.messages[0].content, 'Hi,\n\nI forgot my password and cannot log in to my account.\n\nThanks,\nAda', 'the quoted reply is trimmed')
  })

  it('creates no second ticket or reply for a duplicate push or a message read twice', async () => {
    const customer = (await lookup('ada.gmail@example.com'))!
    const ticketId = customer.conversations[0].tickets[0].ticket_id
    const calls = gmailCalls()
    // Pub/Sub redelivers the same notification: the cursor is already past it, Gmail is not even asked.
    assert.equal((await push(adaPush)).status, 204)
    assert.equal(gmailCalls(), calls, 'a push at or behind the cursor costs no Gmail call')

    // Two syncs racing (or a crash before the cursor moved) read the same history again.
    const adaRecord = google.history.find((h) => google.messages.get(h.messageId)!.raw.includes('ada-1@mail.example.com'))!
    await rt.db.query('UPDATE gmail_sync SET history_id = $1', [adaRecord.id - 1])
    const [a, b] = await Promise.all([push(envelope(google.historyId)), push(envelope(google.historyId))])
    assert.deepEqual([a.status, b.status], [204, 204])
    assert.ok(google.requests.filter((r) => r.path === `/gmail/v1/users/me/messages/${adaRecord.messageId}` && r.query.get('format') === 'raw').length >= 2, 'the message was read again')
    await settle()

    assert.equal(sentTo('ada.gmail@example.com').length, 1, 'one reply')
    assert.equal(await count('SELECT count(*)::int AS n FROM tickets t JOIN customer_identifiers i ON i.customer_id = t.customer_id WHERE i.value = $1', ['ada.gmail@example.com']), 1)
    assert.equal(await count(`SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND direction = 'inbound'`, [ticketId]), 1)
    assert.equal(await count(`SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND direction = 'outbound'`, [ticketId]), 1)
    // Our own reply is in the history too (label SENT): it is not mail to answer.
    assert.equal(google.sent.length, 1)
    const cursor = (await rt.db.query<{ h: string }>('SELECT history_id::text AS h FROM gmail_sync')).rows[0]!.h
    assert.equal(cursor, String(google.historyId), 'the cursor ends at the mailbox history id')
  })

  it('verifies a sender only on Gmail\'s passing authentication; an unauthenticated sender continues no conversation', async () => {
    const authed = google.deliver(customerEmail({ from: 'ivy@example.com', name: 'Ivy', subject: 'Labels', messageId: '<ivy-1@mail.example.com>', body: 'How do I add labels to tasks?' }), { threadId: 'thread-ivy' })
    assert.equal((await push(envelope(google.historyId))).status, 204)
    const ivy = await eventually(async () => (await lookup('ivy@example.com'))?.conversations?.[0]?.tickets?.[0] ? lookup('ivy@example.com') : null, { what: 'Ivy' })
    assert.deepEqual(ivy.identifiers.map((i: any) => i.verified), [true], 'DKIM passed for example.com')
    // Someone else sends "as" Ivy into her thread: From says ivy@, but Gmail found no DKIM or SPF pass.
    google.deliver(
      customerEmail({
        from: 'ivy@example.com', name: 'Ivy', subject: 'Re: Labels', messageId: '<spoof-1@attacker.test>', body: 'Also, what did you tell me about labels before?',
        authentication: 'mx.google.com; dkim=none; spf=fail (google.com: domain of ivy@example.com does not designate 203.0.113.9 as permitted sender) smtp.mailfrom=ivy@example.com',
      }),
      { threadId: authed.threadId },
    )
    assert.equal((await push(envelope(google.historyId))).status, 204)
    const after = await eventually(async () => {
      const c = await lookup('ivy@example.com')
      // Conversations and tickets are two read models, each a little behind the log on its own.
      return c && c.conversations.length === 2 && c.conversations.every((x: any) => x.tickets.length > 0) ? c : null
    }, { what: 'the unauthenticated email on a conversation of its own, with its ticket' })
    assert.deepEqual(after.conversations.map((c: any) => c.tickets.length), [1, 1])
    assert.deepEqual(after.identifiers.map((i: any) => i.verified), [true], 'a spoofed message does not undo what was proven')
  })

  it('answers 401 without a token and 403 for forged or foreign tokens, publishing nothing', async () => {
    await settle(300)
    const before = await published()
    const calls = gmailCalls()
    const body = envelope(google.historyId + 1000)
    const now = Math.floor(Date.now() / 1000)

    const missing = await push(body, { token: null })
    assert.equal(missing.status, 401)
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer')
    assert.equal((await fetch(`${url}/webhooks/gmail`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Basic Zm9vOmJhcg==' }, body: JSON.stringify(body) })).status, 401)

    const stranger = await generateKeyPair('RS256')
    const forged: [string, string][] = [
      ['wrong audience', await google.pushToken({ aud: 'https://evil.example/webhooks/gmail' })],
      ['wrong service account', await google.pushToken({ email: 'someone@evil-project.iam.gserviceaccount.com' })],
      ['unverified email', await google.pushToken({ email_verified: false })],
      ['expired', await google.pushToken({ iat: now - 7200 }, { expiresAt: now - 3600 })],
      ['wrong issuer', await google.pushToken({ iss: 'https://evil.example' })],
      ['signed by another key (same kid)', await google.pushToken({}, { key: stranger.privateKey })],
      ['signed by another key (unknown kid)', await google.pushToken({}, { key: stranger.privateKey, kid: 'not-google' })],
      ['not a JWT', 'definitely-not-a-jwt'],
    ]
    for (const [what, token] of forged) {
      const res = await push(body, { token })
      assert.equal(res.status, 403, what)
      assert.equal(((await res.json()) as { error: string }).error, 'forbidden', what)
    }
    await settle(300)
    assert.equal(await published(), before, 'nothing published')
    assert.equal(gmailCalls(), calls, 'Gmail never asked')
  })

  it('acknowledges malformed pushes from Google with 2xx and dead-letters them with the reason', async () => {
    const cases: { what: string; raw: string; contentType?: string; reason: RegExp }[] = [
      { what: 'data not base64', raw: JSON.stringify({ message: { data: '%%% not base64 %%%', messageId: 'm-1' } }), reason: /not base64/ },
      { what: 'data not JSON', raw: JSON.stringify({ message: { data: Buffer.from('historyId=1').toString('base64'), messageId: 'm-2' } }), reason: /not base64-encoded JSON/ },
      { what: 'no historyId', raw: JSON.stringify({ message: { data: Buffer.from(JSON.stringify({ emailAddress: MAILBOX })).toString('base64'), messageId: 'm-3' } }), reason: /no valid historyId/ },
      { what: 'another mailbox', raw: JSON.stringify(envelope(5, 'someone-else@example.com')), reason: /not this mailbox/ },
      { what: 'no message', raw: JSON.stringify({ subscription: 'projects/acme-project/subscriptions/gmail-push' }), reason: /no "message" object/ },
      { what: 'not JSON at all', raw: 'hello from a misconfigured pusher', contentType: 'text/plain', reason: /not a JSON object/ },
    ]
    const calls = gmailCalls()
    for (const c of cases) {
      const res = await push(null, { raw: c.raw, contentType: c.contentType })
      assert.equal(res.status, 200, c.what)
      assert.equal(((await res.json()) as { status: string }).status, 'dead_lettered', c.what)
    }
    // Pub/Sub redelivering one of them is the same dead letter, not a second one.
    assert.equal((await push(null, { raw: cases[0]!.raw })).status, 200)
    const rows = await eventually(async () => {
      const r = (await rt.db.query<{ error: string; source_topic: string; group_id: string; attempts: number; original_value: Uint8Array; source_offset: string }>(
        `SELECT error, source_topic, group_id, attempts, original_value, source_offset FROM dead_letters WHERE group_id = 'gateway.gmail'`,
      )).rows
      return r.length >= cases.length ? r : null
    }, { what: 'the dead letters' })
    assert.equal(rows.length, cases.length)
    for (const c of cases) {
      const row = rows.find((r) => Buffer.from(r.original_value).toString('utf8') === c.raw)
      assert.ok(row, `${c.what}: original bytes kept`)
      assert.match(row.error, c.reason, c.what)
      assert.equal(row.source_topic, PUSH_SOURCE, 'the webhook, not a topic nothing consumes')
      assert.equal(row.attempts, 1)
    }
    assert.equal(rows.find((r) => Buffer.from(r.original_value).toString('utf8') === cases[0]!.raw)!.source_offset, 'pubsub:m-1', 'the Pub/Sub message id')
    assert.equal(gmailCalls(), calls, 'nothing was read from Gmail')
    // A push that never was an event has no topic to go back to: replay leaves it alone.
    for (const { id } of (await rt.db.query<{ id: string }>(`SELECT id FROM dead_letters WHERE group_id = 'gateway.gmail'`)).rows) await replayDeadLetters(rt, id)
    const replayed = (await rt.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dead_letters WHERE group_id = 'gateway.gmail' AND replayed_at IS NOT NULL`)).rows[0]!.n
    assert.equal(replayed, 0)
  })

  it('refuses an oversized push body (413) without publishing, and cuts an over-long email to the pipeline limit', async () => {
    await settle(300)
    const before = await published()
    const huge = JSON.stringify({ ...envelope(google.historyId + 5), padding: 'x'.repeat(70 * 1024) })
    assert.equal((await push(null, { raw: huge })).status, 413)
    await settle(300)
    assert.equal(await published(), before)

    const long = google.deliver(customerEmail({
      from: 'lena.long@example.com', name: 'Lena', subject: 'Export question', messageId: '<long-1@mail.example.com>',
      body: `How do I export my project to CSV?\n\n${'Here is everything about my setup, in far too much detail. '.repeat(1500)}`,
    }))
    assert.equal((await push(envelope(google.historyId))).status, 204)
    const content = await eventually(async () => (await rt.db.query<{ content: string }>('SELECT content FROM messages WHERE channel_message_id = $1', [long.id])).rows[0]?.content, { what: 'the long email' })
    assert.ok(content.length <= MAX_CONTENT_CHARS, `content is ${content.length} characters`)
    assert.match(content, /^How do I export my project to CSV\?/)
    assert.match(content, /\[message truncated\]$/)
  })

  it('resyncs the recent inbox when the stored history id is too old for Gmail (404)', async () => {
    const bea = google.deliver(customerEmail({
      from: 'bea@example.com', name: 'Bea', subject: 'Two-factor', messageId: '<bea-1@mail.example.com>', body: 'How do I turn on two-factor authentication?',
    }))
    google.oldestHistoryId = google.historyId // everything the cursor points at is gone
    const res = await push(envelope(google.historyId))
    assert.equal(res.status, 204)
    const list = google.requests.find((r) => r.path === '/gmail/v1/users/me/messages' && r.method === 'GET')
    assert.ok(list, 'messages.list was called')
    assert.equal(list.query.get('q'), RESYNC_QUERY)
    assert.equal(list.query.get('maxResults'), '5')
    const [reply] = await eventually(async () => (sentTo('bea@example.com').length ? sentTo('bea@example.com') : null), { what: "Bea's reply" })
    assert.ok(reply!.mime.includes('In-Reply-To: <bea-1@mail.example.com>'))
    assert.equal(reply!.threadId, bea.threadId)
    await settle()
    assert.equal(sentTo('ada.gmail@example.com').length, 1, 'older inbox mail read again is not answered again')
    assert.equal(sentTo('bea@example.com').length, 1)
    google.oldestHistoryId = 0
  })

  it('reads the recent inbox on the first push when no watch recorded where to start', async () => {
    await rt.db.query('DELETE FROM gmail_sync')
    google.deliver(customerEmail({ from: 'gus@example.com', name: 'Gus', subject: 'Recurring tasks', messageId: '<gus-1@mail.example.com>', body: 'How do I create a recurring task?' }))
    const lists = () => google.requests.filter((r) => r.path === '/gmail/v1/users/me/messages' && r.method === 'GET').length
    const before = lists()
    const pushedId = google.historyId
    assert.equal((await push(envelope(pushedId))).status, 204)
    assert.equal(lists(), before + 1, 'the inbox was listed')
    await eventually(async () => sentTo('gus@example.com').length === 1, { what: "Gus's reply" })
    const cursor = (await rt.db.query<{ h: string }>('SELECT history_id::text AS h FROM gmail_sync')).rows[0]?.h
    assert.equal(cursor, String(pushedId), 'reading continues from the pushed history id')
  })

  it('skips auto-replies and mail from its own address', async () => {
    const robot = google.deliver(customerEmail({
      from: 'carl@example.com', name: 'Carl', subject: 'Out of office', messageId: '<ooo-1@mail.example.com>',
      body: 'I am out of the office until Monday.', extraHeaders: ['Auto-Submitted: auto-replied'],
    }))
    const self = google.deliver(customerEmail({ from: MAILBOX, name: 'Acme Support', subject: 'Note to self', messageId: '<self-1@acme>', body: 'How do I export to CSV?' }))
    assert.equal((await push(envelope(google.historyId))).status, 204)
    await settle()
    const seen = await count('SELECT count(*)::int AS n FROM messages WHERE channel_message_id = ANY($1::text[])', [[robot.id, self.id]])
    assert.equal(seen, 0)
    assert.equal(sentTo('carl@example.com').length, 0)
  })

  it('answers 503 while Gmail cannot be read, and catches up when Pub/Sub redelivers', async () => {
    const dora = google.deliver(customerEmail({ from: 'dora@example.com', name: 'Dora', subject: 'Slack', messageId: '<dora-1@mail.example.com>', body: 'How do I connect Slack?' }))
    google.failures.history = { status: 503, times: 100 }
    const failed = await push(envelope(google.historyId))
    assert.equal(failed.status, 503)
    google.failures.history = undefined
    assert.equal((await push(envelope(google.historyId))).status, 204)
    await eventually(async () => sentTo('dora@example.com').length === 1, { what: "Dora's reply" })
    assert.ok(google.requests.some((r) => r.path === `/gmail/v1/users/me/messages/${dora.id}`))
  })

  it('reads a backlog longer than one push in steps, answering 503 so Pub/Sub redelivers', async () => {
    const saved = { ...SYNC_LIMITS }
    SYNC_LIMITS.historyPagesPerPush = 1 // the stand-in's pages hold 2 records
    try {
      const people = ['eve', 'finn', 'gia', 'hugo', 'ines']
      for (const p of people) {
        google.deliver(customerEmail({ from: `${p}@example.com`, name: p, subject: 'Invites', messageId: `<${p}-1@mail.example.com>`, body: 'How do I invite team members?' }))
      }
      const notification = envelope(google.historyId)
      const answers: { status: number; body: string }[] = []
      for (let i = 0; i < 10 && answers.at(-1)?.status !== 204; i++) {
        const res = await push(notification)
        answers.push({ status: res.status, body: await res.text() })
      }
      assert.equal(answers[0]!.status, 503)
      assert.equal(JSON.parse(answers[0]!.body).status, 'partial')
      assert.ok(answers.length >= 3, `read in steps: ${answers.map((a) => a.status).join(', ')}`)
      assert.equal(answers.at(-1)!.status, 204)
      await eventually(async () => people.every((p) => sentTo(`${p}@example.com`).length === 1), { what: 'a reply to each' })
    } finally {
      Object.assign(SYNC_LIMITS, saved)
    }
  })

  it('sends a copy of a web-form reply by email, and keeps the reply delivered when the copy fails', async () => {
    const submit = async (name: string, email: string) => {
      const res = await fetch(`${url}/support/submit`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, email, subject: 'Export', category: 'general', message: 'How do I export my project to CSV?' }),
      })
      const { ticket_id } = (await res.json()) as { ticket_id: string }
      return eventually(async () => {
        const v = await ticket(ticket_id)
        return v.status === 'responded' && v.messages[1]?.delivery_status ? ({ ...v, ticket_id } as Record<string, any>) : null
      }, { what: `${name}'s web-form reply` })
    }
    const view = await submit('Cy', 'cy.form@example.com')
    assert.equal(view.messages[1].delivery_status, 'delivered')
    const [copy] = await eventually(async () => (sentTo('cy.form@example.com').length ? sentTo('cy.form@example.com') : null), { what: 'the email copy' })
    assert.equal(copy!.threadId, null)
    const mail = await simpleParser(copy!.mime)
    // The customer's way back from the inbox: the number in the subject, the status page linked in the body.
    assert.equal(mail.subject, `Re: Export [Ticket ${ticketNumber(view.ticket_id)}]`)
    assert.equal(mail.inReplyTo, undefined)
    assert.match(mail.text ?? '', /Export/)
    assert.ok((mail.text ?? '').includes(`https://support.acme.test/support/ticket/${view.ticket_id}`), 'the status page link')

    google.failures.send = { status: 400, times: 100 }
    const failing = await submit('Dee', 'dee.form@example.com')
    assert.equal(failing.messages[1].delivery_status, 'delivered', 'the status page has the reply whatever happened to the copy')
    assert.equal(sentTo('dee.form@example.com').length, 0)
    google.failures.send = undefined
  })

  it('answers 503 channel_not_configured when Gmail is not configured', async () => {
    const config = testConfig({ FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-gmail-off-')) })
    const gateway = createGateway({ config, db: rt.db, transport: rt.transport, log: rt.log, health: rt.health, publicRoutes: true })
    const server = await new Promise<Server>((resolve) => {
      const s = gateway.listen(0, '127.0.0.1', () => resolve(s))
    })
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/gmail`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await google.pushToken()}` }, body: JSON.stringify(envelope(1)),
      })
      assert.equal(res.status, 503)
      assert.equal(((await res.json()) as { error: string }).error, 'channel_not_configured')
    } finally {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    }
  })
})
