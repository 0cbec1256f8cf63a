import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import twilio from 'twilio'
import { stableId } from '../../platform/ids.js'
import { contentOf, inboundMessageOf, parseInboundForm } from './inboundMessage.js'
import { parseStatusForm, replyStatusOf } from './statusCallback.js'
import { formParams } from './twilioForm.js'

const SID = 'SM' + 'a1'.repeat(16)
// What Twilio posts for a WhatsApp text message (sandbox), minus nothing.
const inbound = (over: Record<string, string | undefined> = {}) =>
  Object.fromEntries(
    Object.entries({
      SmsMessageSid: SID, NumMedia: '0', ProfileName: 'Ada Lovelace', MessageType: 'text', SmsSid: SID, WaId: '14155550123', SmsStatus: 'received',
      Body: 'How do I reset my password?', To: 'whatsapp:+14155238886', NumSegments: '1', ReferralNumMedia: '0', MessageSid: SID,
      AccountSid: 'AC' + '0'.repeat(32), From: 'whatsapp:+14155550123', ApiVersion: '2010-04-01', ...over,
    }).filter((e): e is [string, string] => e[1] !== undefined),
  )

describe('reading the form Twilio posts', () => {
  it('keeps names and values exactly as sent (what the signature covers), repeated names included', () => {
    const params = formParams('Body=a.b+%26+c&a.b=1&x[0]=y&Media=1&Media=2')
    assert.deepEqual(params, { Body: 'a.b & c', 'a.b': '1', 'x[0]': 'y', Media: ['1', '2'] })
    const url = 'https://support.example.com/webhooks/whatsapp'
    const signature = twilio.getExpectedTwilioSignature('token', url, params)
    assert.equal(twilio.validateRequest('token', signature, url, params), true)
  })
})

describe('an incoming WhatsApp message', () => {
  it('becomes one InboundMessage whose id derives from the MessageSid (a redelivery is the same event)', () => {
    const parsed = parseInboundForm(inbound())
    assert.ok(parsed.ok)
    const event = inboundMessageOf(parsed.value, 1_700_000_000_000)
    assert.deepEqual(event, {
      event_id: stableId('inbound', 'whatsapp', SID), occurred_at: 1_700_000_000_000, channel: 'whatsapp', channel_message_id: SID, ticket_id: null,
      sender: { name: 'Ada Lovelace', email: null, phone: '+14155550123', verified: true }, subject: null, category: null, priority: null,
      content: 'How do I reset my password?', thread_id: null,
    })
    const again = parseInboundForm(inbound())
    assert.ok(again.ok)
    assert.equal(inboundMessageOf(again.value, 1_700_000_999_999).event_id, event.event_id)
  })

  it('names the field at fault', () => {
    const cases: [Record<string, string | undefined>, string][] = [
      [{ MessageSid: undefined }, 'MessageSid'],
      [{ MessageSid: 'not-a-sid' }, 'MessageSid'],
      [{ MessageSid: 'SM123' }, 'MessageSid'],
      [{ From: undefined }, 'From'],
      [{ From: '+14155550123' }, 'From'],
      [{ From: 'whatsapp:14155550123' }, 'From'],
      [{ From: 'whatsapp:+1' }, 'From'],
      [{ From: 'sms:+14155550123' }, 'From'],
      [{ NumMedia: 'two' }, 'NumMedia'],
      [{ NumMedia: '99' }, 'NumMedia'],
      [{ Body: 'x'.repeat(4097) }, 'Body'],
    ]
    for (const [over, field] of cases) {
      const r = parseInboundForm(inbound(over))
      assert.equal(r.ok, false, JSON.stringify(over))
      if (!r.ok) assert.equal(r.field, field, JSON.stringify(over))
    }
  })

  it('accepts a 4096-character body counted in characters, so emoji are not counted twice', () => {
    assert.ok(parseInboundForm(inbound({ Body: 'x'.repeat(4096) })).ok)
    assert.ok(parseInboundForm(inbound({ Body: '😀'.repeat(4096) })).ok)
    assert.equal(parseInboundForm(inbound({ Body: '😀'.repeat(4097) })).ok, false)
  })

  it('describes media without a caption, and drops characters Postgres cannot store', () => {
    assert.equal(contentOf({ body: '', numMedia: 2 }), '[customer sent 2 media attachments]')
    assert.equal(contentOf({ body: '  ', numMedia: 1 }), '[customer sent 1 media attachment]')
    assert.equal(contentOf({ body: 'see photo', numMedia: 1 }), 'see photo')
    assert.equal(contentOf({ body: '', numMedia: 0 }), '[customer sent a message with no text]')
    const r = parseInboundForm(inbound({ Body: 'a\u0000b\nc', ProfileName: '  ' }))
    assert.ok(r.ok)
    assert.equal(r.value.body, 'ab\nc')
    assert.equal(r.value.profileName, null)
  })
})

describe('a status callback', () => {
  const status = (over: Record<string, string | undefined>) => Object.fromEntries(Object.entries({ MessageSid: SID, MessageStatus: 'delivered', ...over }).filter((e): e is [string, string] => e[1] !== undefined))

  it('reads the tracked states, with Twilio error details', () => {
    const r = parseStatusForm(status({ MessageStatus: 'failed', ErrorCode: '63016', ErrorMessage: 'Outside the allowed window' }))
    assert.deepEqual(r, { ok: true, value: { tracked: true, messageSid: SID, status: 'failed', error: 'Twilio error 63016: Outside the allowed window' } })
    const ok = parseStatusForm(status({}))
    assert.ok(ok.ok && ok.value.tracked)
    const event = replyStatusOf({ reply_id: 'r1', ticket_id: 't1' }, ok.value, 5)
    assert.equal(event.event_id, stableId('reply-status', 'r1', 'delivered', SID))
    assert.deepEqual({ ...event, event_id: '' }, { event_id: '', occurred_at: 5, reply_id: 'r1', ticket_id: 't1', channel: 'whatsapp', status: 'delivered', provider_message_id: SID, error: null })
  })

  it('acknowledges real Twilio states it does not track, and rejects anything else naming the field', () => {
    const sending = parseStatusForm(status({ MessageStatus: 'sending' }))
    assert.deepEqual(sending, { ok: true, value: { tracked: false, messageSid: SID, status: 'sending' } })
    for (const [over, field] of [[{ MessageStatus: 'exploded' }, 'MessageStatus'], [{ MessageStatus: undefined }, 'MessageStatus'], [{ MessageSid: undefined }, 'MessageSid'], [{ MessageSid: 'SMx' }, 'MessageSid']] as const) {
      const r = parseStatusForm(status(over))
      assert.equal(r.ok, false)
      if (!r.ok) assert.equal(r.field, field)
    }
  })
})
