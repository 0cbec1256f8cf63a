import type Router from '@koa/router'
import type { GatewayDeps } from './http/app.js'

/**
 * The channel webhooks the gateway serves, one router per channel. Each channel folder
 * (gateways/whatsapp, gateways/gmail, gateways/webForm) exports its router factory; add it here.
 */
export function channelRoutes(_deps: GatewayDeps): Router[] {
  return []
}
