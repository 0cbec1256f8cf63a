import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser'

/** What the pipeline needs from one RFC 822 message a customer sent. */
export interface CustomerEmail {
  /** RFC 822 Message-ID, `<...>` included (what a reply's In-Reply-To names). */
  messageId: string | null
  from: { email: string; name: string | null } | null
  subject: string | null
  /** The customer's own words: text/plain preferred, HTML reduced to text, quotes and signature trimmed, bounded. */
  content: string
  /** The text was longer than the pipeline takes and was cut. */
  truncated: boolean
  /** Why this is not a person writing (auto-reply, bounce, mailing list), or null. */
  automated: string | null
}

/** Same bounds as the web form: the agent answers questions, not attachments pasted as text. */
export const MAX_CONTENT_CHARS = 10_000
export const MAX_SUBJECT_CHARS = 300

export async function readEmail(raw: Buffer): Promise<CustomerEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true })
  const from = firstAddress(mail.from)
  const text = await bodyText(mail)
  const trimmed = trimReply(text)
  // A reply that is only quoted text (or only a signature) still says something: keep the whole text then.
  let content = trimmed || text.trim() || '(empty message)'
  const truncated = content.length > MAX_CONTENT_CHARS
  if (truncated) content = `${content.slice(0, MAX_CONTENT_CHARS - 20).trimEnd()}\n[message truncated]`
  const subject = mail.subject?.replace(/\s+/g, ' ').trim().slice(0, MAX_SUBJECT_CHARS) || null
  return { messageId: mail.messageId ?? null, from, subject, content, truncated, automated: automatedReason(mail, from?.email ?? null) }
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): CustomerEmail['from'] {
  const list = Array.isArray(field) ? field : field ? [field] : []
  for (const group of list) {
    for (const a of group.value) {
      if (a.address) return { email: a.address.trim().toLowerCase(), name: a.name?.trim() || null }
      // An address group ("Team: a@x, b@y;") nests its members.
      const member = a.group?.find((g) => g.address)
      if (member?.address) return { email: member.address.trim().toLowerCase(), name: member.name?.trim() || null }
    }
  }
  return null
}

/**
 * text/plain when the message has it; otherwise its HTML reduced to text. mailparser already
 * reduces HTML-only mail (blockquotes become "> " lines, which the trimming then drops); a blank
 * text part next to a real HTML part ("view this email in a browser") is reduced the same way.
 */
async function bodyText(mail: ParsedMail): Promise<string> {
  const text = (mail.text ?? '').replace(/\r\n?/g, '\n')
  if (text.trim() || typeof mail.html !== 'string' || !mail.html.trim()) return text
  return htmlToText(mail.html)
}

export async function htmlToText(html: string): Promise<string> {
  const reduced = await simpleParser(`Content-Type: text/html; charset=utf-8\r\n\r\n${html}`, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true })
  return (reduced.text ?? '').replace(/\r\n?/g, '\n')
}

// Where the customer's words end: what follows is the message they answered, or their signature.
const QUOTE_HEADER = /^(?:On|Le|Am|El|Il|Op|Em)\s.{0,300}?(?:wrote|a écrit|schrieb|escribió|ha scritto|schreef|escreveu).{0,200}:\s*$/i
const CUT_LINES = [
  /^-- ?$/, // the RFC 3676 signature delimiter ("-- "), often stripped of its space
  /^-{2,}\s*(?:Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}$/i,
  /^_{20,}$/, // Outlook's rule above the quoted header block
  /^Sent from my \S+/i,
  /^Sent from (?:Mail|Outlook|Yahoo Mail) for /i,
  /^Get Outlook for (?:iOS|Android)/i,
  /^Envoyé de mon /i,
  /^Von meinem .* gesendet/i,
]
// Outlook quotes with a header block instead of "wrote:" lines: From: ... then Sent:/Date: soon after.
const OUTLOOK_FROM = /^\*?(?:From|De|Von)\s*:\*?\s/
const OUTLOOK_NEXT = /^\*?(?:Sent|Date|Envoyé|Gesendet|To)\s*:\*?\s/

/** The customer's own text: everything before the quoted message or signature, without "> " lines. */
export function trimReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const kept: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const bare = line.trim()
    if (CUT_LINES.some((re) => re.test(line) || re.test(bare))) break
    // Clients wrap long "On <date>, <name> <address> wrote:" lines; look at up to three lines together.
    if (/^(?:On|Le|Am|El|Il|Op|Em)\s/i.test(bare)) {
      const joined = [bare, lines[i + 1]?.trim() ?? '', lines[i + 2]?.trim() ?? '']
      if (QUOTE_HEADER.test(joined[0]!) || QUOTE_HEADER.test(joined.slice(0, 2).join(' ')) || QUOTE_HEADER.test(joined.join(' '))) break
    }
    if (OUTLOOK_FROM.test(bare) && lines.slice(i + 1, i + 4).some((l) => OUTLOOK_NEXT.test(l.trim()))) break
    if (/^>/.test(bare)) continue // inline quoting: keep the customer's lines between the quotes
    kept.push(line.trimEnd())
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim()
}

const BOUNCE_SENDER = /^(?:mailer-daemon|postmaster|no-?reply|do-?not-?reply)(?:[+.][^@]*)?@/i

/**
 * Mail no person is waiting for an answer to. Answering an auto-reply starts a loop between two
 * robots (RFC 3834); answering a bounce or a newsletter writes to nobody.
 */
export function automatedReason(mail: Pick<ParsedMail, 'headers'>, fromEmail: string | null): string | null {
  const header = (name: string): string => {
    const v = mail.headers.get(name)
    if (v === undefined || v === null) return ''
    if (typeof v === 'string') return v
    if (typeof v === 'object' && 'value' in v && typeof (v as { value: unknown }).value === 'string') return (v as { value: string }).value
    return String(v)
  }
  const autoSubmitted = header('auto-submitted').trim().toLowerCase()
  if (autoSubmitted && autoSubmitted !== 'no') return `auto-submitted: ${autoSubmitted}`
  const precedence = header('precedence').trim().toLowerCase()
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `precedence: ${precedence}`
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return 'auto-reply header'
  // mailparser gathers List-Id, List-Unsubscribe and the other List-* headers under "list".
  if (mail.headers.has('list') || mail.headers.has('list-id') || mail.headers.has('list-unsubscribe')) return 'mailing list'
  if (/^multipart\/report\b/i.test(header('content-type'))) return 'delivery report'
  if (fromEmail && BOUNCE_SENDER.test(fromEmail)) return `robot sender ${fromEmail}`
  return null
}
