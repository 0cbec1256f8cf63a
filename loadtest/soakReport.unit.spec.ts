import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { soakReport, formatSoakReport, type SentMessage, type SoakObservations } from './soakReport.js'

const msg = (key: string, over: Partial<SentMessage> = {}): SentMessage => ({
  key, channel: 'whatsapp', recipient: `whatsapp:+1415555${key.padStart(4, '0')}`, sentAt: 1000, acceptedAt: 1010, answeredAt: 2000, ...over,
})

function clean(messages: SentMessage[]): SoakObservations {
  const received = new Map<string, number>()
  for (const m of messages) if (m.answeredAt !== null) received.set(m.recipient, (received.get(m.recipient) ?? 0) + 1)
  return {
    messages, recorded: new Set(messages.map((m) => m.key)), escalated: new Set(), staffAnswered: new Set(), tickets: messages.length, escalatedTickets: 0, staffReplies: [], staffReceived: new Set(), received,
    repeatedAtProvider: 0, probes: 100, alive: 100, ready: 98, attempts: 10, acceptedAttempts: 10, multiChannelPersons: 2, identifiedPersons: 2,
  }
}

describe('the soak report', () => {
  it('passes a run where every accepted message was answered once', () => {
    const r = soakReport(clean([msg('1'), msg('2', { channel: 'email', recipient: 'a@example.com', answeredAt: 4000 }), msg('3', { channel: 'web_form', recipient: 't-3', answeredAt: 1500 })]))
    assert.equal(r.passed, true, formatSoakReport(r).join('\n'))
    assert.deepEqual(r.lost, [])
    assert.equal(r.duplicates, 0)
    assert.equal(r.latency.all.n, 3)
    assert.equal(r.latency.all.p95, 3000, 'latency is from sending to the reply the customer saw')
    assert.equal(r.readiness, 0.98)
  })

  it('names a lost message by id even when another customer got a duplicate that evens the totals', () => {
    const o = clean([msg('1'), msg('2')])
    o.messages[1]!.answeredAt = null
    o.received.delete(o.messages[1]!.recipient)
    o.received.set(o.messages[0]!.recipient, 2) // the total of replies still equals the messages in
    const r = soakReport(o)
    assert.deepEqual(r.lost, ['2'])
    assert.equal(r.duplicates, 1)
    assert.equal(r.passed, false, 'a loss fails the soak')
  })

  it('counts a message the agent stood back on as handled only once a person answered it', () => {
    const o = clean([msg('1', { answeredAt: null })])
    o.received.clear()
    o.escalated.add('1')
    o.escalatedTickets = 1
    assert.deepEqual(soakReport(o).lost, ['1'], 'escalated and never answered by anyone is lost')
    o.staffAnswered.add('1')
    o.staffReplies.push({ replyId: 'r1', recipient: o.messages[0]!.recipient })
    o.staffReceived.add('r1')
    o.received.set(o.messages[0]!.recipient, 1)
    const r = soakReport(o)
    assert.deepEqual(r.lost, [], 'escalated and answered by a person is handled')
    assert.equal(r.passed, true, formatSoakReport(r).join('\n'))
    assert.equal(r.escalationRate, 1)
  })

  it('fails when a staff reply the API accepted never reaches the customer', () => {
    const o = clean([msg('1')])
    o.staffReplies.push({ replyId: 'r1', recipient: o.messages[0]!.recipient })
    const r = soakReport(o)
    assert.deepEqual(r.staffLost, ['r1'])
    assert.equal(r.passed, false, 'a staff reply lost fails the soak')
  })

  it('fails on a repeat found at the provider, a message missing from the read model, or one never accepted', () => {
    const repeated = clean([msg('1')])
    repeated.repeatedAtProvider = 1
    assert.equal(soakReport(repeated).duplicates, 1)
    assert.equal(soakReport(repeated).passed, false, 'a repeat at the provider fails')

    const unrecorded = clean([msg('1')])
    unrecorded.recorded.clear()
    assert.deepEqual(soakReport(unrecorded).notRecorded, ['1'])
    assert.equal(soakReport(unrecorded).passed, false, 'a message missing from the read model fails')

    const refused = clean([msg('1', { acceptedAt: null, answeredAt: null })])
    assert.deepEqual(soakReport(refused).neverAccepted, ['1'])
    assert.equal(soakReport(refused).passed, false, 'a message never accepted fails')
  })
})
