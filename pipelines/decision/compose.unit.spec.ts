import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { KnowledgeHit } from '../../schemas/index.js'
import { formatForChannel, groundedAnswer } from './compose.js'
import { demoCompany } from '../../testing/company.js'

const company = demoCompany()

const hit = (content: string): KnowledgeHit => ({ article_id: 'kb', chunk_id: 'kb#0', title: 't', content, score: 1 })

describe('the offline responder', () => {
  it('answers with the passage sentences that match the question, in the article order', () => {
    const text = groundedAnswer('how do I export to CSV?', hit('Boards hold lists. To export, open the menu and choose Export. Pick CSV for spreadsheets. Themes are in Settings.'))
    assert.equal(text, 'To export, open the menu and choose Export. Pick CSV for spreadsheets.')
  })
  it('brings along the sentence that a chosen one leans on', () => {
    const text = groundedAnswer('new password', hit('We email you a reset link. Open it, choose a new password and sign in. Other sessions end.'))
    assert.equal(text, 'We email you a reset link. Open it, choose a new password and sign in.')
  })
})

describe('channel formatting', () => {
  it('keeps WhatsApp replies within the preferred length and email within 500 words', () => {
    const long = 'Open Settings and choose Members. '.repeat(100)
    assert.ok(formatForChannel(company, 'whatsapp', 'Ada', long).length <= company.channels.whatsapp.preferredMaxChars)
    assert.ok(formatForChannel(company, 'email', 'Ada', long.repeat(3)).split(/\s+/).length <= company.channels.email.maxWords)
  })
})
