/**
 * The Twilio and Google stand-ins together, as a customer-facing driver needs them: the product's
 * environment that points its official clients at them, and the customer's side of each channel
 * (a WhatsApp message signed the way Twilio signs its webhooks; an email landing in the support
 * mailbox and Gmail's OIDC-signed push announcing it). Used by specs, `npm run loadtest` and
 * `npm run soak`, so there is one copy of the wire details.
 */
import twilio from 'twilio'
import { startTwilioStandIn, type TwilioStandIn } from './twilio.js'
import { startGoogleStandIn, type GoogleStandIn, type StoredMessage } from './google.js'

export const PUBLIC_BASE_URL = 'https://support.example.com'
export const WHATSAPP_FROM = 'whatsapp:+14155238886'

export interface ProviderStandIns {
  twilio: TwilioStandIn
  google: GoogleStandIn
  /** Environment for the product: Twilio, Gmail and its push verification all aimed at the stand-ins. */
  env: Record<string, string>
  mailbox: string
  /** A customer's WhatsApp message, as Twilio posts it to the product at `base` (its MessageSid is returned too). */
  whatsapp(base: string, m: { phone: string; body: string; name?: string; sid?: string }): Promise<{ res: Response; sid: string }>
  /** An email that arrives in the support mailbox; `authenticated` is whether Gmail saw DKIM/SPF pass. */
  email(m: { from: string; name?: string; subject: string; body: string; messageId: string; authenticated?: boolean }): StoredMessage
  /** Gmail's Pub/Sub push that the mailbox changed, as Google posts it to the product at `base`. */
  gmailPush(base: string): Promise<Response>
  close(): Promise<void>
}

/** `name` keeps accounts and mailboxes of different drivers apart (it becomes part of each). */
export async function startProviderStandIns(name: string): Promise<ProviderStandIns> {
  const accountSid = 'AC' + Buffer.from(name).toString('hex').padEnd(32, '0').slice(0, 32)
  const authToken = `${name}-auth-token`
  const mailbox = `support@${name}.example.com`
  const audience = `${PUBLIC_BASE_URL}/webhooks/gmail`
  const pusher = `gmail-push@${name}.iam.gserviceaccount.com`
  const tw = await startTwilioStandIn({ accountSid, authToken })
  const google = await startGoogleStandIn({ audience, serviceAccount: pusher })
  return {
    twilio: tw,
    google,
    mailbox,
    env: {
      PUBLIC_BASE_URL, TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_WHATSAPP_FROM: WHATSAPP_FROM, TWILIO_API_BASE_URL: tw.baseUrl,
      GMAIL_ADDRESS: mailbox, GMAIL_CLIENT_ID: `${name}.apps.googleusercontent.com`, GMAIL_CLIENT_SECRET: `${name}-secret`, GMAIL_REFRESH_TOKEN: `1//${name}`,
      GMAIL_PUSH_AUDIENCE: audience, GMAIL_PUSH_SERVICE_ACCOUNT: pusher, GOOGLE_CERTS_URL: google.certsUrl, GOOGLE_API_ROOT_URL: google.url, GOOGLE_TOKEN_URL: google.tokenUrl,
    },
    async whatsapp(base, m) {
      const sid = m.sid ?? 'SM' + crypto.randomUUID().replace(/-/g, '')
      const params = { AccountSid: accountSid, MessageSid: sid, From: `whatsapp:${m.phone}`, To: WHATSAPP_FROM, Body: m.body, ProfileName: m.name ?? 'Customer', WaId: m.phone.replace(/^\+/, ''), NumMedia: '0' }
      const res = await fetch(`${base}/webhooks/whatsapp`, {
        method: 'POST',
        // Twilio signs the public URL it was given, not the address the product listens on.
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, `${PUBLIC_BASE_URL}/webhooks/whatsapp`, params) },
        body: new URLSearchParams(params).toString(),
      })
      return { res, sid }
    },
    email(m) {
      const domain = m.from.split('@')[1]
      const auth = m.authenticated === false ? 'dkim=none; spf=none' : `dkim=pass header.i=@${domain} header.s=s1; spf=pass smtp.mailfrom=${m.from}`
      return google.deliver([
        `Authentication-Results: mx.google.com; ${auth}`,
        `From: "${m.name ?? 'Customer'}" <${m.from}>`, `To: <${mailbox}>`, `Subject: ${m.subject}`, `Message-ID: ${m.messageId}`,
        `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset="UTF-8"', '', m.body, '',
      ].join('\r\n'))
    },
    async gmailPush(base) {
      const data = Buffer.from(JSON.stringify({ emailAddress: mailbox, historyId: google.historyId })).toString('base64')
      return fetch(`${base}/webhooks/gmail`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await google.pushToken()}` },
        body: JSON.stringify({ message: { data, messageId: crypto.randomUUID() }, subscription: `projects/${name}/subscriptions/gmail` }),
      })
    },
    async close() {
      await tw.close()
      await google.close()
    },
  }
}
