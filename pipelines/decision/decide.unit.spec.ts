import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { Topics, type Channel, type KnowledgeHit, type KnowledgeRetrieved, type Topic, type TopicEvents } from '../../schemas/index.js'
import type { CompanyProfile } from '../../platform/companyProfile.js'
import { createLogger } from '../../platform/log.js'
import { decisionStage, type HistoryEntry } from './stage.js'
import { offlineResponder, type AnswerRequest, type Responder } from './responder.js'
import { moodOf, sentimentOf } from './sentiment.js'
import { demoCompany } from '../../testing/company.js'

const company = demoCompany()

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

// The real decision stage, offline responder, with the read-model lookup handed in as a function.
async function decide(
  r: KnowledgeRetrieved,
  opts: { responder?: Responder; history?: HistoryEntry[]; company?: CompanyProfile; now?: number; owned?: boolean } = {},
) {
  const stage = decisionStage({
    company: opts.company ?? company,
    responder: opts.responder ?? offlineResponder(),
    ticketSoFar: async () => ({ ownedByPerson: opts.owned ?? false, history: opts.history ?? [] }),
    log: createLogger('silent'),
    now: () => opts.now ?? 5,
  })
  const out = await stage.handle({ topic: Topics.knowledgeRetrieved, partition: 0, offset: '0', key: null, value: r, headers: {} })
  const on = <T extends Topic>(topic: T) => out.filter((e) => e.topic === topic).map((e) => e.value as TopicEvents[T])
  const decision = on(Topics.agentDecisions)[0]!
  const replies = [...on(Topics.webformOutbound), ...on(Topics.emailOutbound), ...on(Topics.whatsappOutbound)]
  assert.equal(replies.length, opts.owned ? 0 : 1, opts.owned ? 'nothing is sent on a ticket a person owns' : 'one reply per message')
  return { out, decision, reply: replies[0]!, escalation: on(Topics.escalations)[0] ?? null, escalated: on(Topics.ticketLifecycle)[0] ?? null }
}

describe('decide', () => {
  it('answers from the best passage, citing it, in the web form style', async () => {
    const { decision, reply, escalation } = await decide(retrieved('I forgot my password and cannot log in'))
    assert.equal(decision.action, 'reply')
    assert.deepEqual(decision.cited_article_ids, ['kb-reset-password'])
    assert.equal(escalation, null)
    assert.match(reply.content, /^Hi Ada,/)
    assert.match(reply.content, /Forgot password/)
    assert.equal(reply.channel, 'web_form')
    assert.equal(reply.recipient, 'TKT-1')
  })

  it('writes formal email with greeting and signature, and short WhatsApp messages', async () => {
    const email = (await decide(retrieved('I forgot my password', { channel: 'email', subject: 'Login' }))).reply
    assert.match(email.content, /^Dear Ada,/)
    assert.match(email.content, /Kind regards,\nThe Nimbus Tasks Support Team$/)
    assert.equal(email.subject, 'Re: Login')
    assert.equal(email.recipient, 'ada@example.com')
    const wa = (await decide(retrieved('I forgot my password', { channel: 'whatsapp' }))).reply
    assert.ok(wa.content.length <= company.channels.whatsapp.preferredMaxChars, `${wa.content.length} chars`)
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
    it(`escalates "${text}" as ${reason}`, async () => {
      const { decision, escalation, escalated, reply } = await decide(retrieved(text))
      assert.equal(decision.action, 'escalate')
      assert.equal(decision.reason, reason)
      assert.equal(escalation?.reason, reason)
      assert.equal(escalated?.status, 'escalated')
      assert.match(reply.content, /member of our support team/)
    })
  }

  it('escalates the bare word "agent" on WhatsApp only', async () => {
    assert.equal((await decide(retrieved('agent', { channel: 'whatsapp' }))).decision.reason, 'human_requested')
    assert.equal((await decide(retrieved('agent', { channel: 'email' }))).decision.action, 'reply')
  })

  it('escalates an angry customer on sentiment', async () => {
    const text = 'This is the worst, most useless garbage. I am furious and disgusted.'
    assert.ok(sentimentOf(text) < 0.3, `sentiment ${sentimentOf(text)}`)
    assert.equal((await decide(retrieved(text))).decision.reason, 'negative_sentiment')
  })

  it('does not take a trigger word that names a thing or a person for a request', async () => {
    assert.equal((await decide(retrieved('How do I add a Discount column to our deals board?'))).decision.action, 'reply')
    assert.equal((await decide(retrieved('Can my colleague Sue reset my password for me?'))).decision.action, 'reply')
    assert.equal((await decide(retrieved('Do you have a discount code for us?'))).decision.reason, 'pricing_negotiation')
    assert.equal((await decide(retrieved('Sue them, I say. How do I reset my password?'))).decision.reason, 'legal')
  })

  it('hears a request for a person, a price cut or a legal notice in other words', async () => {
    assert.equal((await decide(retrieved('Could someone give me a call tomorrow about resetting passwords?'))).decision.reason, 'human_requested')
    assert.equal((await decide(retrieved('Could you do the Team plan at half price for a year?'))).decision.reason, 'pricing_negotiation')
    assert.equal((await decide(retrieved('This is a formal copyright infringement notice about a public project link.'))).decision.reason, 'legal')
  })

  it('does not escalate a negated or quoted trigger', async () => {
    assert.equal((await decide(retrieved("I don't want a refund, just tell me how to reset my password"))).decision.action, 'reply')
    assert.equal((await decide(retrieved("My boss said 'we should sue them' lol. Anyway, how do I reset my password?"))).decision.action, 'reply')
    assert.equal((await decide(retrieved('My career at a big agency taught me one thing: how do I reset my password?'))).decision.action, 'reply')
  })

  it('escalates when an answer is empty after the guardrails', async () => {
    const empty: Responder = { answer: async () => ({ body: '', cited: [], by: 'offline' }) }
    assert.equal((await decide(retrieved('I forgot my password'), { responder: empty })).decision.reason, 'no_relevant_knowledge')
  })

  it('escalates when the knowledge base has nothing relevant', async () => {
    const { decision } = await decide(retrieved('Do you have an office in Lisbon?', { hits: [] }))
    assert.equal(decision.reason, 'no_relevant_knowledge')
  })

  it('hands over a question whether we have something the best passage never names', async () => {
    // Retrieval always finds the nearest article; answering from it would imply a yes or a no nobody documented.
    for (const text of ['Does Nimbus have a built-in video call feature for standups?', 'is there a time-sheet approval workflow?', 'Do you offer an on-premise version?']) {
      const { decision } = await decide(retrieved(text))
      assert.equal(decision.reason, 'no_relevant_knowledge', text)
    }
  })

  it('answers a question whether we have something when the passage names it', async () => {
    for (const text of ['Is there a way to reset my password?', 'Does Nimbus Tasks have a password reset link?', 'Do you support password resets by email?']) {
      const { decision } = await decide(retrieved(text))
      assert.equal(decision.action, 'reply', text)
    }
  })

  it('hands the conversation so far to the responder, and sends the escalation, the lifecycle change and the reply', async () => {
    const seen: AnswerRequest[] = []
    const recording: Responder = { answer: async (req) => (seen.push(req), offlineResponder().answer(req)) }
    const history: HistoryEntry[] = [{ direction: 'inbound', channel: 'email', content: 'earlier question' }]
    await decide(retrieved('I forgot my password'), { responder: recording, history })
    assert.deepEqual(seen[0]?.history, history)
    const { out } = await decide(retrieved('I want a refund'), { responder: recording })
    assert.deepEqual(out.map((e) => e.topic), [Topics.agentDecisions, Topics.escalations, Topics.ticketLifecycle, Topics.webformOutbound])
    assert.equal(seen.length, 1, 'no answer is written for a message that is handed over')
  })

  it('stands back on a ticket a person owns: no reply, no escalation, only the sentiment recorded', async () => {
    const seen: AnswerRequest[] = []
    const recording: Responder = { answer: async (req) => (seen.push(req), offlineResponder().answer(req)) }
    const { out, decision } = await decide(retrieved('I forgot my password, any news?'), { owned: true, responder: recording })
    assert.deepEqual(out.map((e) => e.topic), [Topics.agentDecisions])
    assert.equal(decision.reason, 'with_staff')
    assert.equal(decision.reply_text, '')
    assert.ok(decision.sentiment > 0 && decision.sentiment < 1)
    assert.equal(seen.length, 0, 'no answer is written')
  })

  it('speaks for the company it is given', async () => {
    const acme: CompanyProfile = { ...company, name: 'Acme Cloud', signature: 'Acme Help', competitors: ['Globex'] }
    const { reply } = await decide(retrieved('I forgot my password', { channel: 'email' }), { company: acme })
    assert.match(reply.content, /Thank you for contacting Acme Cloud support\./)
    assert.match(reply.content, /Kind regards,\nAcme Help$/)
    const said: Responder = { answer: async () => ({ body: 'Use Forgot password. Globex does this worse.', cited: ['kb-reset-password'], by: 'offline' }) }
    const checked = await decide(retrieved('I forgot my password'), { company: acme, responder: said })
    assert.doesNotMatch(checked.reply.content, /Globex/, "the company's own competitors are removed")
    assert.equal((await decide(retrieved('any careers at Acme?'), { company: acme })).decision.reason, 'no_relevant_knowledge')
    assert.equal((await decide(retrieved('any careers at Acme?'))).decision.action, 'reply', 'careers at someone else is not a question to us')
  })

  it('is deterministic: the same input gives the same event ids', async () => {
    const a = await decide(retrieved('I forgot my password'), { now: 1 })
    const b = await decide(retrieved('I forgot my password'), { now: 2 })
    assert.notEqual(a.decision.occurred_at, b.decision.occurred_at)
    assert.equal(a.decision.event_id, b.decision.event_id)
    assert.equal(a.reply.reply_id, b.reply.reply_id)
  })
})

describe('sentiment', () => {
  it('scores praise high and anger low on a 0..1 scale', () => {
    assert.ok(sentimentOf('thanks, works perfectly') > 0.8, 'praise')
    assert.ok(sentimentOf('unacceptable, the worst service ever') < 0.3, 'anger')
    assert.ok(sentimentOf('a bit annoyed, but it worked in the end') >= 0.3, 'mild annoyance')
  })

  it('tells anger at us from a calm report of a bad situation', () => {
    const calm = [
      'Our card was blocked by the bank, so the payment was declined and rejected. What happens to our account now?',
      'I lost my phone and deleted the wrong project by mistake!! Can I get it back?',
      'I hate to bother you, but how do I add a label?',
      "The task I deleted is not in the trash anymore. Is it gone for good?",
    ]
    for (const text of calm) assert.equal(moodOf(text).upset, false, `calm: ${text} (${JSON.stringify(moodOf(text))})`)
    const angry = [
      'You useless idiots broke it again.',
      'What a brilliant, wonderful update. Your stupid sync is garbage.',
      'I am extremely upset and disappointed, this is terrible, awful and horrible.',
    ]
    for (const text of angry) assert.equal(moodOf(text).upset, true, `angry: ${text} (${JSON.stringify(moodOf(text))})`)
  })
})
