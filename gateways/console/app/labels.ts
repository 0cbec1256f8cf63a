/** Words for the API's codes, so the console never shows `no_relevant_knowledge` to a person. */

const REASONS: Record<string, string> = {
  legal: 'Legal',
  refund: 'Refund',
  pricing_negotiation: 'Pricing negotiation',
  human_requested: 'Asked for a person',
  no_relevant_knowledge: 'Nothing in the knowledge base',
  negative_sentiment: 'Upset customer',
  with_staff: 'With staff',
}

const CHANNELS: Record<string, string> = { email: 'Email', whatsapp: 'WhatsApp', web_form: 'Web form' }

const STATUSES: Record<string, string> = {
  received: 'Received',
  open: 'Open',
  processing: 'Processing',
  responded: 'Answered',
  escalated: 'Escalated',
  resolved: 'Resolved',
  closed: 'Closed',
}

const DELIVERY: Record<string, string> = {
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Failed',
  undelivered: 'Not delivered',
  recorded: 'Recorded (channel offline)',
  needs_template: 'Held: outside the WhatsApp 24-hour window',
}

// A code this console does not know yet still reads as words.
const words = (code: string) => code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
const label = (table: Record<string, string>) => (code: string | null | undefined) => (code ? (table[code] ?? words(code)) : '')

export const reasonText = label(REASONS)
export const channelText = label(CHANNELS)
export const statusText = label(STATUSES)
export const deliveryText = label(DELIVERY)
export const priorityText = (p: string | null | undefined) => (p ? words(p) : 'None')

export const STATUS_CODES = Object.keys(STATUSES)
export const CHANNEL_CODES = Object.keys(CHANNELS)

/** "4 min", "3 h", "2 d": how long a ticket has waited, at a glance. */
export function ageText(since: string | null | undefined, now: number): string {
  if (!since) return ''
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000))
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} d`
}

/** The same age, spelled out for a screen reader and a tooltip. */
export function ageLong(since: string | null | undefined, now: number): string {
  const short = ageText(since, now)
  if (!short || short === 'just now') return short
  const [n, unit] = short.split(' ') as [string, string]
  const name = unit === 'min' ? 'minute' : unit === 'h' ? 'hour' : 'day'
  return `${n} ${name}${n === '1' ? '' : 's'} ago`
}

/** Sentiment is 0 (angry) to 1 (happy); below 0.3 the agent hands over. */
export function sentimentText(score: number | null | undefined): string {
  if (score === null || score === undefined) return 'not measured'
  const mood = score < 0.3 ? 'negative' : score < 0.6 ? 'neutral' : 'positive'
  return `${mood} (${score.toFixed(2)})`
}

const TIME: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
export const timeText = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(undefined, TIME) : '')
