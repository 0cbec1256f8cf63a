import client from 'prom-client'
import { registry } from '../../platform/metrics.js'

/** What the Gmail channel did with each push and each message it read (served at /metrics). */
export const gmailMetrics = {
  pushes: new client.Counter({
    name: 'fte_gmail_pushes_total',
    help: 'Gmail push notifications by outcome (synced, partial, up_to_date, dead_lettered, unauthenticated, forbidden, not_configured, failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  }),
  messages: new client.Counter({
    name: 'fte_gmail_messages_total',
    help: 'Gmail messages read by outcome (published, or the reason they were skipped)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  }),
}
