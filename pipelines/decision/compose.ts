import type { Channel, KnowledgeHit } from '../../schemas/index.js'
import { tokens } from '../../platform/text.js'
import type { CompanyProfile } from '../../platform/companyProfile.js'
import { ticketNumber } from '../../platform/ids.js'

const sentences = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"'(])/)
    .map((s) => s.trim())
    .filter(Boolean)

/**
 * The offline responder: the sentences of the best passage that share the most words with the
 * question, kept in the article's order so steps still read as steps. Nothing is added that the
 * knowledge base does not say.
 */
export function groundedAnswer(question: string, hit: KnowledgeHit, maxSentences = 4): string {
  const q = new Set(tokens(question))
  const all = sentences(hit.content)
  const scored = all.map((s, i) => ({ s, i, score: tokens(s).filter((t) => q.has(t)).length }))
  const best = scored
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, maxSentences)
    .sort((a, b) => a.i - b.i)
  if (!best.length) return all.slice(0, maxSentences).join(' ')
  // A sentence that leans on the one before ("Open it, ...", "This link ...") brings it along,
  // or the answer would read "open it" with nothing for "it" to be.
  const picked = new Set(best.map((x) => x.i))
  for (const { i, s } of best) if (i > 0 && LEANS_BACK.test(s)) picked.add(i - 1)
  return [...picked].sort((a, b) => a - b).map((i) => all[i]!).join(' ')
}

const LEANS_BACK = /^(open it|it|this|that|these|those|they|then|there)\b/i

const firstName = (name: string | null) => (name ?? '').trim().split(/\s+/)[0] || ''

function limitWords(text: string, max: number): string {
  const words = text.split(/\s+/)
  return words.length <= max ? text : words.slice(0, max).join(' ').replace(/[,;:]?$/, '…')
}

function limitChars(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '))
  return end > max / 2 ? cut.slice(0, end + 1) : cut.slice(0, max - 1).trimEnd() + '…'
}

/** Wraps an answer in the channel's register and enforces the company's length limit for it afterwards. */
export function formatForChannel(company: CompanyProfile, channel: Channel, customerName: string | null, body: string, source?: string): string {
  const name = firstName(customerName)
  const limits = company.channels
  switch (channel) {
    case 'email': {
      const text = [
        `Dear ${name || 'customer'},`,
        `Thank you for contacting ${company.name} support.`,
        body,
        source ? `You can find more detail in our help article "${source}".` : '',
        'If anything is still unclear, simply reply to this email and we will be glad to help.',
        `Kind regards,\n${company.signature}`,
      ].filter(Boolean).join('\n\n')
      return limitWords(text, limits.email.maxWords)
    }
    case 'web_form': {
      const text = [`Hi ${name || 'there'},`, body, source ? `(From our help article "${source}".)` : '', `Best regards,\n${company.signature}`]
        .filter(Boolean)
        .join('\n\n')
      return limitWords(text, limits.web_form.maxWords)
    }
    case 'whatsapp':
      return limitChars(`${name ? `Hi ${name}! ` : ''}${body}`, limits.whatsapp.preferredMaxChars)
  }
}

/**
 * What the customer hears when a human takes over: no internal reasons, just what happens next.
 * The reference is the ticket number, never the id: a web-form ticket's id opens its status page,
 * and this text is also mailed and shown on screens.
 */
export function escalationAcknowledgement(company: CompanyProfile, channel: Channel, customerName: string | null, ticketId: string): string {
  const reference = ticketNumber(ticketId)
  const body =
    channel === 'whatsapp'
      ? `I've passed this to a member of our support team and they'll get back to you here soon. Your reference is ${reference}.`
      : `I have passed your message to a member of our support team, who will get back to you as soon as possible. Your ticket number is ${reference}.`
  return formatForChannel(company, channel, customerName, body)
}
