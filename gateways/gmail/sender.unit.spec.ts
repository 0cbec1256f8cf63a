import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { simpleParser } from 'mailparser'
import { loadConfig } from '../../platform/config.js'
import { createLogger, type Logger } from '../../platform/log.js'
import type { ReplyRequested } from '../../schemas/index.js'
import type { Gmail } from './gmailApi.js'
import { ticketNumber } from '../../platform/ids.js'
import { composeReply, replyMessageId, emailCopyOf, gmailSender, webFormWithEmailCopy, DEFAULT_SUBJECT } from './sender.js'
import type { ChannelSender } from '../../pipelines/dispatch/sender.js'

const config = loadConfig({
  GMAIL_ADDRESS: 'Support@Acme.test', GMAIL_CLIENT_ID: 'id', GMAIL_CLIENT_SECRET: 'secret', GMAIL_REFRESH_TOKEN: 'refresh',
  GMAIL_PUSH_AUDIENCE: 'aud', GMAIL_PUSH_SERVICE_ACCOUNT: 'push@acme.iam.gserviceaccount.com', LOG_LEVEL: 'silent',
})
const silent = createLogger('silent')

const reply = (over: Partial<ReplyRequested> = {}): ReplyRequested => ({
  event_id: 'e1', occurred_at: 1, reply_id: 'r1', ticket_id: 'T-1', conversation_id: 'c1', customer_id: 'u1', channel: 'email',
  recipient: 'ada@example.com', subject: 'Re: Cannot log in', content: 'Hi Ada,\n\nUse “Forgot password” on the sign-in page.\n\nAcme Support',
  in_reply_to: '18c0ffee00000001', thread_id: 'thread-1', inbound_occurred_at: 1, recipient_email: 'ada@example.com', author: null, ...over,
})

/** A stand-in for the few Gmail client calls the sender makes, recording them. */
function fakeGmail(o: { headers?: { name: string; value: string }[]; getStatus?: number; sendStatus?: number } = {}) {
  const calls: { get: any[]; send: any[] } = { get: [], send: [] }
  const failure = (status: number) => Object.assign(new Error(`Gmail answered ${status}`), { status })
  const api = {
    users: {
      messages: {
        get: async (params: any) => {
          calls.get.push(params)
          if (o.getStatus) throw failure(o.getStatus)
          return { data: { id: params.id, payload: { headers: o.headers ?? [{ name: 'Message-Id', value: '<CAF=orig@mail.example.com>' }] } } }
        },
        send: async (params: any) => {
          calls.send.push(params)
          if (o.sendStatus) throw failure(o.sendStatus)
          return { data: { id: 'sent-1', threadId: params.requestBody.threadId ?? 'new-thread', labelIds: ['SENT'] } }
        },
      },
    },
  }
  return { calls, api: async () => api as unknown as Gmail }
}

describe('composeReply', () => {
  it('builds an RFC 822 reply that threads under the original and is marked automatic', async () => {
    const raw = await composeReply({
      messageId: replyMessageId('r-1', 'support@acme.test'),
      from: 'support@acme.test', to: 'ada@example.com', subject: 'Re: Prüfung', text: 'Grüße – see “Export”.',
      inReplyTo: '<orig@mail.example.com>', references: ['<first@mail.example.com>', '<orig@mail.example.com>'],
    })
    const mail = await simpleParser(raw)
    assert.equal(mail.from?.value[0]?.address, 'support@acme.test')
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null, 'ada@example.com')
    assert.equal(mail.subject, 'Re: Prüfung')
    assert.equal(mail.inReplyTo, '<orig@mail.example.com>')
    assert.deepEqual(mail.references, ['<first@mail.example.com>', '<orig@mail.example.com>'])
    assert.equal(mail.headers.get('auto-submitted'), 'auto-replied')
    assert.equal(mail.text?.trim(), 'Grüße – see “Export”.')
    assert.equal(mail.messageId, '<fte-reply-r-1@acme.test>', 'the Message-ID derived from the reply, which a retry can search for')
  })

  it('leaves threading headers out when there is nothing to reply to', async () => {
    const mail = await simpleParser(await composeReply({ messageId: '<m@acme.test>', from: 'support@acme.test', to: 'a@b.co', subject: 's', text: 't', inReplyTo: null, references: [] }))
    assert.equal(mail.inReplyTo, undefined)
    assert.equal(mail.references, undefined)
  })
})

describe('gmailSender', () => {
  it('reads the original Message-ID, then sends in the thread', async () => {
    const g = fakeGmail()
    const result = await gmailSender({ config, log: silent, api: g.api }).send(reply())
    assert.deepEqual(result, { status: 'sent', providerMessageId: 'sent-1' })
    assert.deepEqual(g.calls.get[0], { userId: 'me', id: '18c0ffee00000001', format: 'metadata', metadataHeaders: ['Message-ID', 'References'] })
    const { userId, requestBody } = g.calls.send[0]
    assert.equal(userId, 'me')
    assert.equal(requestBody.threadId, 'thread-1')
    assert.match(requestBody.raw, /^[A-Za-z0-9_-]+$/, 'base64url, no padding')
    const mail = await simpleParser(Buffer.from(requestBody.raw, 'base64url'))
    assert.equal(mail.inReplyTo, '<CAF=orig@mail.example.com>')
    assert.equal(mail.references, '<CAF=orig@mail.example.com>')
    assert.equal(mail.subject, 'Re: Cannot log in')
    assert.equal(mail.from?.value[0]?.address, 'support@acme.test')
  })

  it('carries the original References forward', async () => {
    const g = fakeGmail({ headers: [{ name: 'Message-ID', value: '<two@x>' }, { name: 'References', value: '<zero@x>\r\n <one@x>' }] })
    await gmailSender({ config, log: silent, api: g.api }).send(reply())
    const mail = await simpleParser(Buffer.from(g.calls.send[0].requestBody.raw, 'base64url'))
    assert.deepEqual(mail.references, ['<zero@x>', '<one@x>', '<two@x>'])
  })

  it('uses a default subject, and sends outside the thread when the original is gone', async () => {
    const g = fakeGmail({ getStatus: 404 })
    await gmailSender({ config, log: silent, api: g.api }).send(reply({ subject: null }))
    assert.equal(g.calls.send[0].requestBody.threadId, undefined)
    const mail = await simpleParser(Buffer.from(g.calls.send[0].requestBody.raw, 'base64url'))
    assert.equal(mail.subject, DEFAULT_SUBJECT)
    assert.equal(mail.inReplyTo, undefined)
  })

  it('marks refusals that retrying cannot fix as permanent, and leaves the rest retriable', async () => {
    for (const status of [400, 403, 404]) {
      const err = await gmailSender({ config, log: silent, api: fakeGmail({ sendStatus: status }).api }).send(reply()).catch((e: unknown) => e)
      assert.equal((err as { retriable?: boolean }).retriable, false, String(status))
      assert.match((err as Error).message, new RegExp(`HTTP ${status}`))
    }
    for (const status of [429, 500, 503]) {
      const err = await gmailSender({ config, log: silent, api: fakeGmail({ sendStatus: status }).api }).send(reply()).catch((e: unknown) => e)
      assert.notEqual((err as { retriable?: boolean }).retriable, false, String(status))
    }
  })

  it('needs the Gmail configuration', () => {
    assert.throws(() => gmailSender({ config: loadConfig({ LOG_LEVEL: 'silent' }), log: silent }), /GMAIL_/)
  })
})

describe('webFormWithEmailCopy', () => {
  const always = async () => true
  const webForm: ChannelSender = { channel: 'web_form', send: async () => ({ status: 'delivered', providerMessageId: null }) }
  const formReply = reply({ channel: 'web_form', recipient: 'TKT-1', in_reply_to: 'TKT-1', thread_id: null, recipient_email: 'cy@example.com', ticket_id: 'TKT-1', subject: 'Re: Export' })
  const recordingLog = () => {
    const errors: string[] = []
    const log: Logger = { ...silent, error: (msg) => void errors.push(msg), child: () => log }
    return { log, errors }
  }

  it('copies the reply by email to the address the customer gave, outside any Gmail thread', async () => {
    const sent: ReplyRequested[] = []
    const email: ChannelSender = { channel: 'email', send: async (r) => (sent.push(r), { status: 'sent', providerMessageId: 'g1' }) }
    const result = await webFormWithEmailCopy(webForm, email, always, silent, 'https://support.acme.test').send(formReply)
    assert.deepEqual(result, { status: 'delivered', providerMessageId: null })
    assert.equal(sent.length, 1)
    assert.deepEqual(sent[0], emailCopyOf(formReply, 'cy@example.com', 'https://support.acme.test'))
    assert.equal(sent[0]!.recipient, 'cy@example.com')
    assert.equal(sent[0]!.in_reply_to, null, 'a ticket id is not a Gmail message id')
    const number = ticketNumber('TKT-1')
    assert.equal(sent[0]!.subject, `Re: Export [Ticket ${number}]`, 'the number, never the id that opens the conversation')
    assert.match(sent[0]!.content, new RegExp(`Ticket ${number}\\. See this request, and add to it, at https://support\\.acme\\.test/support/ticket/TKT-1\\n`))
  })

  it('without a public URL, tells the customer how to come back by number instead of linking', () => {
    const copy = emailCopyOf(formReply, 'cy@example.com')
    assert.match(copy.content, new RegExp(`Ticket ${ticketNumber('TKT-1')}\\. To see this request or add to it, choose "Check a request"`))
    assert.doesNotMatch(copy.content, /TKT-1/)
  })

  it('keeps the reply delivered when the copy fails, and logs it', async () => {
    const { log, errors } = recordingLog()
    const email: ChannelSender = { channel: 'email', send: async () => { throw new Error('Gmail is down') } }
    assert.deepEqual(await webFormWithEmailCopy(webForm, email, always, log).send(formReply), { status: 'delivered', providerMessageId: null })
    assert.equal(errors.length, 1)
  })

  it('sends no copy to an address that had its copies for the day, and still delivers the reply', async () => {
    let copies = 0
    const { log } = recordingLog()
    const email: ChannelSender = { channel: 'email', send: async () => (copies++, { status: 'sent', providerMessageId: null }) }
    const asked: string[] = []
    const capped = async (to: string) => (asked.push(to), false)
    assert.deepEqual(await webFormWithEmailCopy(webForm, email, capped, log).send(formReply), { status: 'delivered', providerMessageId: null })
    assert.equal(copies, 0)
    assert.deepEqual(asked, ['cy@example.com'])
  })

  it('sends no copy when there is no email address', async () => {
    let copies = 0
    const email: ChannelSender = { channel: 'email', send: async () => (copies++, { status: 'sent', providerMessageId: null }) }
    await webFormWithEmailCopy(webForm, email, always, silent).send({ ...formReply, recipient_email: null })
    assert.equal(copies, 0)
  })
})
