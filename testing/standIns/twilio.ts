/**
 * A local stand-in for Twilio's Messages API (2010-04-01 REST wire format), so tests drive the
 * official `twilio` client end to end without the internet: form-encoded POST to
 * /2010-04-01/Accounts/{AccountSid}/Messages.json with basic auth, 201 with the message resource,
 * and Twilio's error bodies ({code, message, more_info, status}) for what Twilio would refuse;
 * GET on the same path lists messages newest first, filtered by To and From, one page.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'

/** Twilio's magic test number for "invalid 'To' number" (error 21211). */
export const INVALID_NUMBER = '+15005550001'

export interface RecordedMessage {
  sid: string
  accountSid: string
  authorization: string | undefined
  to: string
  from: string
  body: string
  statusCallback: string | undefined
  dateCreated: Date
}

export interface TwilioStandIn {
  baseUrl: string
  /** Messages Twilio accepted, in the order they arrived. */
  messages: RecordedMessage[]
  /** Every request, accepted or not. */
  requests: { method: string; path: string; form: Record<string, string> }[]
  /**
   * While set, a message request it returns true for is answered with a 500 (an outage), or with
   * the Twilio error it returns (a refusal such as 401 / 20003).
   */
  failWhen: ((form: Record<string, string>) => boolean | { status: number; code: number; message: string }) | null
  /**
   * While set, a message it returns a number for is accepted (it is in `messages`, the customer
   * has it) but answered only after that many milliseconds: later than the client waits.
   */
  answerLateWhen: ((form: Record<string, string>) => number | null) | null
  /** Called the moment a message is accepted, before the answer: a test can kill the sender there. */
  onAccepted: ((message: RecordedMessage) => void) | null
  close(): Promise<void>
}

const sid = (prefix: string) => prefix + randomBytes(16).toString('hex')
const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000')

/** A message as Twilio's API represents it. */
function resource(m: RecordedMessage, status: string) {
  const uri = `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}.json`
  return {
    account_sid: m.accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: null,
    date_updated: rfc2822(m.dateCreated),
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: null,
    sid: m.sid,
    status,
    subresource_uris: { media: uri.replace('.json', '/Media.json') },
    to: m.to,
    uri,
  }
}

export async function startTwilioStandIn(credentials: { accountSid: string; authToken: string }): Promise<TwilioStandIn> {
  const state: TwilioStandIn = {
    baseUrl: '',
    messages: [],
    requests: [],
    failWhen: null,
    answerLateWhen: null,
    onAccepted: null,
    close: async () => undefined,
  }
  const server = http.createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (raw += c))
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(raw))
      const path = (req.url ?? '').split('?')[0]!
      state.requests.push({ method: req.method ?? '', path, form })
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(payload))
      }
      const error = (status: number, code: number, message: string) =>
        send(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status })

      const route = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(path)
      if (!route || (req.method !== 'POST' && req.method !== 'GET')) return error(404, 20404, `The requested resource ${path} was not found`)
      const expected = 'Basic ' + Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')
      if (req.headers.authorization !== expected || route[1] !== credentials.accountSid) return error(401, 20003, 'Authenticate')
      if (req.method === 'GET') {
        const q = new URL(req.url ?? '', 'http://stand-in').searchParams
        const size = Math.min(Number(q.get('PageSize') ?? 50), 1000)
        const listed = state.messages
          .filter((m) => (!q.get('To') || m.to === q.get('To')) && (!q.get('From') || m.from === q.get('From')))
          .reverse()
          .slice(0, size)
        return send(200, {
          messages: listed.map((m) => resource(m, 'queued')),
          end: Math.max(0, listed.length - 1), first_page_uri: path, next_page_uri: null, page: 0, page_size: size, previous_page_uri: null, start: 0, uri: path,
        })
      }
      const failure = state.failWhen?.(form)
      if (failure === true) return error(500, 20500, 'Internal Server Error')
      if (failure) return error(failure.status, failure.code, failure.message)
      const { To: to = '', From: from = '', Body: body = '' } = form
      if (!/^whatsapp:\+[1-9]\d{6,14}$/.test(to) || to === `whatsapp:${INVALID_NUMBER}`) return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`)
      if (!/^whatsapp:\+[1-9]\d{6,14}$/.test(from)) return error(400, 63007, `Twilio could not find a Channel with the specified From address: ${from}`)
      if (!body) return error(400, 21602, 'Message body is required.')
      if (body.length > 1600) return error(400, 21617, 'The concatenated message body exceeds the 1600 character limit.')

      const message: RecordedMessage = {
        sid: sid('SM'), accountSid: route[1]!, authorization: req.headers.authorization, to, from, body, statusCallback: form.StatusCallback, dateCreated: new Date(),
      }
      state.messages.push(message)
      state.onAccepted?.(message)
      const late = state.answerLateWhen?.(form)
      if (late != null) return void setTimeout(() => { if (!res.destroyed) send(201, resource(message, 'queued')) }, late)
      send(201, resource(message, 'queued'))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  state.close = () =>
    new Promise((r) => {
      server.closeAllConnections()
      server.close(() => r())
    })
  return state
}
