import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { ageLong, ageText, channelText, reasonText, sentimentText } from './labels.js'
import { pathOf, queuePath, screenOf } from './screens.js'

describe('console labels', () => {
  const now = Date.parse('2026-03-01T12:00:00Z')
  const ago = (ms: number) => new Date(now - ms).toISOString()

  it('says how long a ticket has waited, short and spelled out', () => {
    assert.equal(ageText(ago(20_000), now), 'just now')
    assert.equal(ageText(ago(5 * 60_000), now), '5 min')
    assert.equal(ageLong(ago(60 * 60_000), now), '1 hour ago')
    assert.equal(ageText(ago(30 * 3600_000), now), '30 h')
    assert.equal(ageLong(ago(3 * 86400_000), now), '3 days ago')
    assert.equal(ageText(null, now), '')
    assert.equal(ageText(ago(-60_000), now), 'just now', 'a clock a little ahead is not negative time')
  })

  it('puts words on codes, including ones it does not know yet', () => {
    assert.equal(reasonText('no_relevant_knowledge'), 'Nothing in the knowledge base')
    assert.equal(reasonText('some_new_reason'), 'Some new reason')
    assert.equal(channelText('web_form'), 'Web form')
    assert.equal(sentimentText(0.12), 'negative (0.12)')
    assert.equal(sentimentText(null), 'not measured')
  })
})

describe('console screens', () => {
  it('maps paths to screens and back', () => {
    for (const screen of [{ kind: 'queue' }, { kind: 'ticket', id: 'TKT-0123456789abcdef-01234567' }, { kind: 'merges' }] as const) {
      assert.deepEqual(screenOf(pathOf(screen)), screen)
    }
    assert.deepEqual(screenOf('/console/tickets/<script>'), { kind: 'queue' }, 'what cannot be a ticket id opens the queue')
  })

  it('asks the API for the filtered queue; "mine" is the signed-in member', () => {
    assert.equal(queuePath({ status: '', channel: '', assignee: '' }, 'me@x.example'), '/api/tickets')
    assert.equal(queuePath({ status: 'escalated', channel: 'whatsapp', assignee: 'me' }, 'me@x.example'), '/api/tickets?status=escalated&channel=whatsapp&assignee=me%40x.example')
  })
})
