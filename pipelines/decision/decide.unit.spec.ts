import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Channel, KnowledgeHit, KnowledgeRetrieved } from '../../schemas/index.js'
import { decide as decideWith, judge, questionOf } from './decide.js'
import { groundedAnswer } from './compose.js'
import { LIMITS } from './compose.js'
import { sentimentOf } from './sentiment.js'

const passwordHit: KnowledgeHit = {
  article_id: 'kb-reset-password', chunk_id: 'kb-reset-password#0', title: 'How to reset your password', score: 0.5,
  content: 'If you forgot your password or cannot log in, open the sign-in page and click "Forgot password". Enter the email address you use and we will send you a reset link. The reset link is valid for 60 minutes.',
}

function retrieved(content: string, opts: { channel?: Channel; hits?: KnowledgeHit[]; subject?: string | null } = {}): KnowledgeRetrieved {
  return {
    event_id: 'r1', occurred_at: 1, query: content, searches: 1, hits: opts.hits ?? [passwordHit],
    context: {
      ticket_id: 'TKT-1', conversation_id: 'conv', customer_id: 'cust',
      inbound: {
        event_id: 'in1', occurred_at: 1, channel: opts.channel ?? 'web_form', channel_message_id: 'cm1', ticket_id: 'TKT-1',
        sender: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+14155550100' }, subject: opts.subject ?? null,
        category: 'technical', priority: null, content, thread_id: null,
      },
    },
  }
}

// The offline path end to end: judge, answer from the best passage, build the events.
function decide(r: KnowledgeRetrieved, now: number) {
  const verdict = judge(r)
  const best = r.hits[0]
  const answer = !verdict.reason && best ? { body: groundedAnswer(questionOf(r), best), cited: [best.article_id] } : null
  return decideWith(r, verdict, answer, now)
}

describe('decide', () => {
  it('answers from the best passage, citing it, in the web form style', () => {
    const { decision, reply, escalation } = decide(retrieved('I forgot my password and cannot log in'), 5)
    assert.equal(decision.action, 'reply')
    assert.deepEqual(decision.cited_article_ids, ['kb-reset-password'])
    assert.equal(escalation, null)
    assert.match(reply.content, /^Hi Ada,/)
    assert.match(reply.content, /Forgot password/)
    assert.equal(reply.channel, 'web_form')
    assert.equal(reply.recipient, 'TKT-1')
  })

  it('writes formal email with greeting and signature, and short WhatsApp messages', () => {
    const email = decide(retrieved('I forgot my password', { channel: 'email', subject: 'Login' }), 5).reply
    assert.match(email.content, /^Dear Ada,/)
    assert.match(email.content, /Kind regards,\nThe Nimbus Tasks Support Team$/)
    assert.equal(email.subject, 'Re: Login')
    assert.equal(email.recipient, 'ada@example.com')
    const wa = decide(retrieved('I forgot my password', { channel: 'whatsapp' }), 5).reply
    assert.ok(wa.content.length <= LIMITS.whatsappPreferredChars, `${wa.content.length} chars`)
    assert.equal(wa.recipient, '+14155550100')
  })

  for (const [text, reason] of [
    ['I was charged twice and I want a refund', 'refund'],
    ['My lawyer will be in touch about this', 'legal'],
    ['Can we get a discount if we buy 50 seats?', 'pricing_negotiation'],
    ['Please let me speak to a human about my account', 'human_requested'],
    ['Are you hiring? I would love an internship on your design team.', 'no_relevant_knowledge'],
    ['Hello, any job openings for a support engineer in Lisbon?', 'no_relevant_knowledge'],
  ] as const) {
    it(`escalates "${text}" as ${reason}`, () => {
      const { decision, escalation, escalated, reply } = decide(retrieved(text), 5)
      assert.equal(decision.action, 'escalate')
      assert.equal(decision.reason, reason)
      assert.equal(escalation?.reason, reason)
      assert.equal(escalated?.status, 'escalated')
      assert.match(reply.content, /member of our support team/)
    })
  }

  it('escalates the bare word "agent" on WhatsApp only', () => {
    assert.equal(decide(retrieved('agent', { channel: 'whatsapp' }), 5).decision.reason, 'human_requested')
    assert.equal(decide(retrieved('agent', { channel: 'email' }), 5).decision.action, 'reply')
  })

  it('escalates an angry customer on sentiment', () => {
    const text = 'This is the worst, most useless garbage. I am furious and disgusted.'
    assert.ok(sentimentOf(text) < 0.3)
    assert.equal(decide(retrieved(text), 5).decision.reason, 'negative_sentiment')
  })

  it('does not escalate a negated or quoted trigger', () => {
    assert.equal(decide(retrieved("I don't want a refund, just tell me how to reset my password"), 5).decision.action, 'reply')
    assert.equal(decide(retrieved("My boss said 'we should sue them' lol. Anyway, how do I reset my password?"), 5).decision.action, 'reply')
  })

  it('escalates when an answer is empty after the guardrails', () => {
    const r = retrieved('I forgot my password')
    assert.equal(decideWith(r, judge(r), { body: '', cited: [] }, 5).decision.reason, 'no_relevant_knowledge')
  })

  it('escalates when the knowledge base has nothing relevant', () => {
    const { decision } = decide(retrieved('Do you have an office in Lisbon?', { hits: [] }), 5)
    assert.equal(decision.reason, 'no_relevant_knowledge')
  })

  it('hands over a question whether we have something the best passage never names', () => {
    // Retrieval always finds the nearest article; answering from it would imply a yes or a no nobody documented.
    for (const text of ['Does Nimbus have a built-in video call feature for standups?', 'is there a time-sheet approval workflow?', 'Do you offer an on-premise version?']) {
      const { decision } = decide(retrieved(text), 5)
      assert.equal(decision.reason, 'no_relevant_knowledge', text)
    }
  })

  it('answers a question whether we have something when the passage names it', () => {
    for (const text of ['Is there a way to reset my password?', 'Does Nimbus Tasks have a password reset link?', 'Do you support password resets by email?']) {
      const { decision } = decide(retrieved(text), 5)
      assert.equal(decision.action, 'reply', text)
    }
  })

  it('is deterministic: the same input gives the same event ids', () => {
    const a = decide(retrieved('I forgot my password'), 1)
    const b = decide(retrieved('I forgot my password'), 2)
    assert.equal(a.decision.event_id, b.decision.event_id)
    assert.equal(a.reply.reply_id, b.reply.reply_id)
  })
})

describe('sentiment', () => {
  it('scores praise high and anger low on a 0..1 scale', () => {
    assert.ok(sentimentOf('thanks, works perfectly') > 0.8)
    assert.ok(sentimentOf('unacceptable, the worst service ever') < 0.3)
    assert.ok(sentimentOf('a bit annoyed, but it worked in the end') >= 0.3)
  })
})
