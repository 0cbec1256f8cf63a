import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { redactContacts } from './redact.js'
import { createLogger } from './log.js'

describe('contact details in logs', () => {
  it('replaces email addresses and phone numbers, and leaves ids, times and counts alone', () => {
    assert.equal(
      redactContacts("Twilio refused: The 'To' number whatsapp:+15005550001 is not a valid phone number. Copy to m.ellison@ellison-dental.example.com failed"),
      "Twilio refused: The 'To' number <phone> is not a valid phone number. Copy to <email> failed",
    )
    assert.equal(redactContacts('call +44 20 7946 0958 now'), 'call <phone> now')
    const plain = 'reply 3f9c2a1e-77b0-4c5e-9a51-0f2d6c1b9e11 of TKT-31e1771e9fb1878c-c766dfaa at 2026-12-02T20:10:43.000Z, 3 attempts, offset 1234567'
    assert.equal(redactContacts(plain), plain)
  })

  it('is applied to every line the logger writes, fields and errors included', () => {
    const lines: string[] = []
    const write = process.stderr.write
    process.stderr.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write
    try {
      const log = createLogger('info', { role: 'dispatch' })
      log.error('send to ada@example.com failed', { to: '+14155550188', error: new Error('bounce from ada@example.com'), nested: { list: ['whatsapp:+14155550188'] } })
    } finally {
      process.stderr.write = write
    }
    assert.equal(lines.length, 1, 'one line')
    assert.equal(/example\.com|4155550188/.test(lines[0]!), false, `nothing of the customer's contact details: ${lines[0]}`)
    const line = JSON.parse(lines[0]!) as Record<string, unknown>
    assert.deepEqual([line.msg, line.to, line.error, line.role], ['send to <email> failed', '<phone>', 'bounce from <email>', 'dispatch'])
  })
})
