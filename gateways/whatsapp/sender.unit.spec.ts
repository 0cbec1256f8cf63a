import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { isPermanentTwilioError, SERVICE_WINDOW_MS, splitMessage, WHATSAPP_MAX_CHARS, withinServiceWindow } from './sender.js'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const squeeze = (s: string) => s.replace(/\s+/g, '')

describe('splitting a long WhatsApp reply', () => {
  it('leaves a reply within the limit whole (trimmed)', () => {
    assert.deepEqual(splitMessage('  Hi Ada, here is how.  '), ['Hi Ada, here is how.'])
    assert.deepEqual(splitMessage('x'.repeat(WHATSAPP_MAX_CHARS)), ['x'.repeat(WHATSAPP_MAX_CHARS)])
    assert.deepEqual(splitMessage('   '), [])
  })

  it('cuts at sentence ends, in order, each part at most 1600 characters', () => {
    const sentences = Array.from({ length: 60 }, (_, i) => `Step ${i + 1}: open Settings and choose the option number ${i + 1} from the list.`)
    const text = sentences.join(' ')
    const parts = splitMessage(text)
    assert.ok(parts.length >= 3)
    for (const p of parts) {
      assert.ok(p.length <= WHATSAPP_MAX_CHARS, `part of ${p.length}`)
      assert.match(p, /^Step \d+:/, 'each part starts a sentence')
      assert.match(p, /list\.$/, 'each part ends a sentence')
    }
    assert.equal(parts.join(' '), text, 'nothing lost, nothing reordered')
  })

  it('prefers a paragraph break over a later sentence end, if it fills at least half a part', () => {
    const first = 'A'.repeat(900) + '.'
    const second = 'B '.repeat(400) + 'end.'
    const parts = splitMessage(`${first}\n\n${second} More text follows here.`)
    assert.equal(parts[0], first)
    assert.ok(parts[1]!.startsWith('B B'))
  })

  it('falls back to word boundaries, and cuts a giant word hard without splitting an emoji', () => {
    const words = splitMessage('word '.repeat(700))
    assert.ok(words.every((p) => p.length <= WHATSAPP_MAX_CHARS && /^word( word)*$/.test(p)))
    const emoji = splitMessage('😀'.repeat(1000)) // 2000 UTF-16 units, no spaces
    assert.equal(emoji.join(''), '😀'.repeat(1000))
    assert.ok(emoji.every((p) => p.length <= WHATSAPP_MAX_CHARS && !LONE_SURROGATE.test(p)))
  })

  it('keeps every character in order and every part within the limit, for any text (property)', () => {
    const chunk = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('. ', '\n', '\n\n', ' ', '! ', '😀', 'x'.repeat(700)))
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 120 }), fc.integer({ min: 20, max: WHATSAPP_MAX_CHARS }), (chunks, limit) => {
        const text = chunks.join('')
        const parts = splitMessage(text, limit)
        assert.equal(squeeze(parts.join('')), squeeze(text))
        for (const p of parts) {
          assert.ok(p.length > 0 && p.length <= limit)
          assert.equal(p, p.trim())
          assert.ok(!LONE_SURROGATE.test(p) || LONE_SURROGATE.test(text), 'no surrogate pair is cut')
        }
      }),
      { numRuns: 300 },
    )
  })

  it('never splits a word when words are short (property)', () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9,.!?']{1,25}$/)
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 600 }), (words) => {
        const parts = splitMessage(words.join(' '))
        assert.deepEqual(parts.flatMap((p) => p.split(' ')), words)
      }),
      { numRuns: 100 },
    )
  })
})

describe('the 24-hour customer-service window', () => {
  const now = Date.parse('2025-06-01T12:00:00Z')
  it('is open up to 24 hours after the last inbound message, and closed after', () => {
    assert.equal(withinServiceWindow(now - 60_000, now), true)
    assert.equal(withinServiceWindow(now - SERVICE_WINDOW_MS, now), true)
    assert.equal(withinServiceWindow(now - SERVICE_WINDOW_MS - 1, now), false)
    assert.equal(withinServiceWindow(now - 3 * SERVICE_WINDOW_MS, now), false)
  })
  it('treats a last message stamped in the future (clock skew) as just now', () => {
    assert.equal(withinServiceWindow(now + 5_000, now), true)
  })
})

describe('which Twilio errors are worth retrying', () => {
  it('gives up on 4xx refusals, retries rate limits, outages and network errors', () => {
    assert.equal(isPermanentTwilioError({ status: 400, code: 21211 }), true)
    assert.equal(isPermanentTwilioError({ status: 401, code: 20003 }), true)
    assert.equal(isPermanentTwilioError({ status: 429, code: 20429 }), false)
    assert.equal(isPermanentTwilioError({ status: 500 }), false)
    assert.equal(isPermanentTwilioError(new Error('ECONNREFUSED')), false)
    assert.equal(isPermanentTwilioError(null), false)
  })
})
