/**
 * What a message asks, without what surrounds the asking. A long email buries its question under a
 * greeting, pleasantries, background and a signature; the embedding model averages over every word
 * it reads (and reads only the first 256 word pieces), so in a long email the question weighs
 * little and the background decides which article comes first.
 */

/**
 * Lines that open a letter: "Hi,", "Good morning team,", "Dear Nimbus support,". A few words after
 * the greeting count only with the comma or colon that closes it: "hi my export fails" is content.
 */
const GREETING = /^(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings|to\s+whom\s+it\s+may\s+concern)(?:(?:\s+[\w'-]+){1,3}\s*[,:!]|\s*[,.!:]?)$/i
/** Lines that close one; the name, title and phone number below them are not the question. */
const SIGN_OFF = /^(?:(?:kind|best|warm|many|with)\s+)?(?:regards|wishes|thanks|thank\s+you|cheers|sincerely|yours(?:\s+(?:sincerely|truly|faithfully))?|all\s+the\s+best|best|tia)\b[^.!?\n]{0,30}[,.!]?$/i
/** Where a reply quotes the message it answers. */
const QUOTE_START = /^(?:>|on\s.{4,80}\swrote:$|-{2,}\s*original message|from:\s)/i
/** Sentences that carry no content whatever the topic. */
const PLEASANTRY = /^(?:i\s+hope\s+(?:this|you|all)|hope\s+(?:this|you|all)|thanks?(?:\s+you)?\s+(?:in\s+advance|for\s+(?:your|any|the)\s+help)|any\s+help\s+(?:would\s+be|is)|looking\s+forward|sent\s+from\s+my)\b/i
/** A sentence that asks or requests something. */
const ASKS = /\?|^(?:how|can|could|would|will|where|why|what|which|when|is|are|do|does|did|should|please|pls|plz|i\s+need|we\s+need|i\s+want|we\s+want|i'?d\s+like|we'?d\s+like|i\s+would\s+like|we\s+would\s+like|is\s+it\s+possible|tell\s+me|let\s+me\s+know|help)\b/i

/** Above this many words a message is long enough for its background to outweigh its question. */
export const LONG_MESSAGE_WORDS = 60

const words = (s: string) => s.split(/\s+/).filter(Boolean).length

/** The body without greeting, quoted text, signature and pleasantries, as sentences. */
export function bodySentences(content: string): string[] {
  const lines = content.split(/\r?\n/).map((l) => l.trim())
  const kept: string[] = []
  for (const [i, line] of lines.entries()) {
    if (QUOTE_START.test(line)) break
    // A sign-off ends the letter only near its end: "Thanks, that worked" opens a sentence.
    if (SIGN_OFF.test(line) && i >= lines.length / 2) break
    if (!line || (GREETING.test(line) && !kept.length)) continue
    kept.push(line)
  }
  return kept
    .join('\n')
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 3 && !PLEASANTRY.test(s))
}

/**
 * The text to search with: the subject and the body stripped of what is not content; for a long
 * message, the subject and only the sentences that ask (the story is still there for the reply and
 * for the escalation rules, which read the whole message).
 */
export function condensedQuestion(inbound: { subject: string | null; content: string }): string {
  const sentences = bodySentences(inbound.content)
  const asks = sentences.filter((s) => ASKS.test(s))
  const body = words(sentences.join(' ')) > LONG_MESSAGE_WORDS && asks.length ? asks : sentences
  const text = [inbound.subject, ...body].filter(Boolean).join('\n')
  return text || [inbound.subject, inbound.content].filter(Boolean).join('\n')
}

/**
 * The second search, when the first found nothing: only the sentences that ask something (or the
 * longest one), without greetings, sign-offs and story, which drown the question in long emails.
 */
export function refinedQuery(content: string): string | null {
  const sentences = content.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter((s) => s.length > 3)
  const asks = sentences.filter((s) => /\?|^(how|can|could|where|why|what|is|do|does|i need|i want|please)\b/i.test(s))
  const chosen = asks.length ? asks : sentences.sort((a, b) => b.length - a.length).slice(0, 1)
  const q = chosen.join(' ')
  return q && q !== content.trim() ? q : null
}
