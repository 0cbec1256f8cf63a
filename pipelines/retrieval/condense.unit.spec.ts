import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { bodySentences, condensedQuestion, LONG_MESSAGE_WORDS } from './condense.js'

const story = 'We moved the whole office onto the new system last spring and most of it went well. '.repeat(4)

const letter = `Good morning,

I hope this finds you well. ${story}

The problem is that I cannot remember my password. How do I get a new one?

Kind regards,
Margaret Ellison
Practice Manager
Tel. 0161 496 0732`

describe('condensing a message to what it asks', () => {
  it('drops the greeting, pleasantries and everything from the sign-off on', () => {
    const s = bodySentences(letter)
    assert.ok(!s.some((x) => /good morning|hope this finds|regards|Ellison|0161/i.test(x)), `left: ${JSON.stringify(s)}`)
    assert.ok(s.includes('How do I get a new one?'), 'the question stays')
  })

  it('keeps the subject and only the asking sentences of a long message', () => {
    assert.ok(letter.split(/\s+/).length > LONG_MESSAGE_WORDS, 'the letter is long')
    assert.equal(condensedQuestion({ subject: 'Locked out', content: letter }), 'Locked out\nHow do I get a new one?')
  })

  it('leaves a short message whole but for its greeting and sign-off, background included', () => {
    const content = 'Hi,\nMy invoices go to my old address. Can I change where they are sent?\nThanks!'
    assert.equal(condensedQuestion({ subject: null, content }), 'My invoices go to my old address.\nCan I change where they are sent?')
  })

  it('keeps a long message whole when no sentence asks anything', () => {
    const content = `${story} Since then the reminders arrive an hour late.`
    assert.equal(condensedQuestion({ subject: null, content }).split(/\s+/).length, content.split(/\s+/).length)
  })

  it('stops at quoted text, and a "thanks" that opens the letter is not its end', () => {
    const content = 'Thanks, that worked for the export.\nHow do I import it again?\n\nOn Mon, 3 Nov 2026, Nimbus Support wrote:\n> How do I export?'
    assert.deepEqual(bodySentences(content), ['Thanks, that worked for the export.', 'How do I import it again?'])
  })

  it('tells a greeting line from a first line that starts with one', () => {
    assert.deepEqual(bodySentences('Dear Nimbus support team,\nMy export fails.'), ['My export fails.'])
    assert.deepEqual(bodySentences('Hello!\nMy export fails.'), ['My export fails.'])
    assert.deepEqual(bodySentences('hi my export fails\nhow do i fix'), ['hi my export fails', 'how do i fix'])
    assert.deepEqual(bodySentences('Hi team, the export fails on big projects.'), ['Hi team, the export fails on big projects.'])
  })

  it('falls back to the message as written when nothing is left', () => {
    assert.equal(condensedQuestion({ subject: null, content: 'Hi,' }), 'Hi,')
  })
})
