import type { gmail_v1 } from 'googleapis'
import type { Config } from '../../platform/config.js'

export type GmailConfig = NonNullable<Config['gmail']>
export type Gmail = gmail_v1.Gmail

// googleapis carries every Google API and takes most of a second to load: only processes that
// talk to Gmail pay for it, once.
let googleapis: Promise<typeof import('googleapis')> | undefined
const clients = new WeakMap<GmailConfig, Promise<Gmail>>()

/**
 * The official Gmail client for the configured mailbox: OAuth2 with the mailbox's refresh token
 * (access tokens are fetched and renewed by google-auth-library), the token endpoint and the API
 * root overridable so tests can point both at a local stand-in. One client per configuration, so
 * the gateway and the sender in one process share an access token.
 */
export function gmailApi(g: GmailConfig): Promise<Gmail> {
  let client = clients.get(g)
  if (!client) {
    client = (async () => {
      const { google } = await (googleapis ??= import('googleapis'))
      const auth = new google.auth.OAuth2({ clientId: g.clientId, clientSecret: g.clientSecret, endpoints: { oauth2TokenUrl: g.tokenUrl } })
      auth.setCredentials({ refresh_token: g.refreshToken })
      // Without a timeout a hung connection would hold a push (and Pub/Sub's redelivery) forever.
      return google.gmail({ version: 'v1', auth, rootUrl: g.apiRootUrl.replace(/\/*$/, '/'), timeout: g.timeoutMs })
    })()
    client.catch(() => clients.delete(g))
    clients.set(g, client)
  }
  return client
}

/** The HTTP status of a failed Gmail (gaxios) call, if it got an answer. */
export function httpStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const e = err as { status?: unknown; code?: unknown; response?: { status?: unknown } }
  for (const v of [e.status, e.response?.status, e.code]) if (typeof v === 'number') return v
  return undefined
}
