/**
 * Whether Gmail proved who sent a message: the Authentication-Results header (RFC 8601) that
 * Gmail's receiving server stamps on every message says whether DKIM, SPF or DMARC passed, and
 * for which domain. The From address is verified only when one of them passed for the From
 * address's own domain (or a parent domain that signed for it).
 *
 * Only the topmost Authentication-Results counts, and only when Gmail wrote it: a sender can put
 * any header in the message it sends, including a forged "dkim=pass" further down.
 */
export const GMAIL_AUTHSERV_ID = 'mx.google.com'

/** The header block of an RFC 822 message, folded lines joined, in order. */
function headerLines(raw: Buffer): string[] {
  const text = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1')
  const end = text.search(/\r?\n\r?\n/)
  const head = end < 0 ? text : text.slice(0, end)
  return head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)
}

const withoutComments = (value: string) => value.replace(/\([^()]*\)/g, ' ')
const domainOf = (v: string) => v.slice(v.lastIndexOf('@') + 1).toLowerCase().replace(/[>"']+$/, '')
const aligned = (senderDomain: string, domain: string) => domain !== '' && (senderDomain === domain || senderDomain.endsWith(`.${domain}`))

/** The domains each method passed for, from one Authentication-Results value (null if not Gmail's). */
export function passedDomains(value: string): { dkim: string[]; spf: string[]; dmarc: string[] } | null {
  const [authserv, ...results] = withoutComments(value).split(';').map((p) => p.trim())
  if (authserv?.split(/\s+/)[0]?.toLowerCase() !== GMAIL_AUTHSERV_ID) return null
  const passed = { dkim: [] as string[], spf: [] as string[], dmarc: [] as string[] }
  for (const result of results) {
    const [method, ...props] = result.split(/\s+/)
    const [name, outcome] = (method ?? '').toLowerCase().split('=')
    if (outcome !== 'pass' || !(name === 'dkim' || name === 'spf' || name === 'dmarc')) continue
    const prop = (key: string) => props.find((p) => p.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1)
    const domain =
      name === 'dkim' ? (prop('header.d') ?? prop('header.i')) : name === 'spf' ? prop('smtp.mailfrom') : prop('header.from')
    if (domain) passed[name].push(domainOf(domain))
  }
  return passed
}

export function senderVerified(raw: Buffer, senderEmail: string): boolean {
  const first = headerLines(raw).find((l) => /^authentication-results\s*:/i.test(l))
  if (!first) return false
  const passed = passedDomains(first.slice(first.indexOf(':') + 1))
  if (!passed) return false
  const senderDomain = domainOf(senderEmail)
  return [...passed.dkim, ...passed.dmarc].some((d) => aligned(senderDomain, d)) || passed.spf.includes(senderDomain)
}
