import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { decodePushEnvelope } from './pushEnvelope.js'

const MAILBOX = 'support@acme.test'
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64')
const envelope = (data: string, extra: Record<string, unknown> = {}) => ({
  message: { data, messageId: '2070443601311540', message_id: '2070443601311540', publishTime: '2025-03-03T10:00:00.123Z', ...extra },
  subscription: 'projects/acme/subscriptions/gmail-push',
})

describe('decodePushEnvelope', () => {
  it('reads Gmail notification from a Pub/Sub push', () => {
    const d = decodePushEnvelope(envelope(b64({ emailAddress: 'Support@Acme.test', historyId: 9876543210 })), MAILBOX)
    assert.deepEqual(d, { ok: true, push: { emailAddress: MAILBOX, historyId: 9876543210n, pubsubMessageId: '2070443601311540' } })
  })

  it('takes the history id as a string too, and keeps 64-bit ids exact', () => {
    const d = decodePushEnvelope(envelope(b64({ emailAddress: MAILBOX, historyId: '18446744073709551615' })), MAILBOX)
    assert.ok(d.ok)
    assert.equal(d.push.historyId, 2n ** 64n - 1n)
  })

  it('says what is wrong with a malformed push', () => {
    const error = (body: unknown) => {
      const d = decodePushEnvelope(body, MAILBOX)
      assert.equal(d.ok, false)
      return (d as { error: string }).error
    }
    assert.equal(error('just a string'), 'envelope is not a JSON object')
    assert.equal(error([1, 2]), 'envelope is not a JSON object')
    assert.equal(error({ subscription: 'x' }), 'envelope has no "message" object')
    assert.equal(error(envelope('')), 'message.data is missing')
    assert.equal(error(envelope('%%%')), 'message.data is not base64')
    assert.equal(error(envelope('A')), 'message.data is not base64')
    assert.equal(error(envelope(b64('historyId=5'))), 'message.data is not base64-encoded JSON')
    assert.equal(error(envelope(b64([1]))), 'message.data is not a JSON object')
    assert.equal(error(envelope(b64({ historyId: 5 }))), 'notification has no emailAddress')
    assert.equal(error(envelope(b64({ emailAddress: 'mallory@example.com', historyId: 5 }))), 'notification is for mallory@example.com, not this mailbox')
    assert.equal(error(envelope(b64({ emailAddress: MAILBOX }))), 'notification has no valid historyId')
    for (const historyId of [-1, 1.5, 2 ** 60, '12a', '', null, '184467440737095516160', '18446744073709551616']) {
      assert.equal(error(envelope(b64({ emailAddress: MAILBOX, historyId }))), 'notification has no valid historyId', String(historyId))
    }
  })

  it('keeps the Pub/Sub message id of a malformed push for the dead letter', () => {
    const d = decodePushEnvelope(envelope('%%%'), MAILBOX)
    assert.equal(d.ok ? null : d.pubsubMessageId, '2070443601311540')
  })

  it('never throws, whatever arrives', () => {
    fc.assert(fc.property(fc.jsonValue(), (body) => void decodePushEnvelope(body, MAILBOX)))
    fc.assert(fc.property(fc.string(), (data) => void decodePushEnvelope(envelope(data), MAILBOX)))
    fc.assert(fc.property(fc.jsonValue(), (notification) => void decodePushEnvelope(envelope(b64(notification)), MAILBOX)))
  })

  it('round-trips every valid history id', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (id) => {
        const d = decodePushEnvelope(envelope(b64({ emailAddress: MAILBOX, historyId: id.toString() })), MAILBOX)
        return d.ok && d.push.historyId === id
      }),
    )
  })
})
