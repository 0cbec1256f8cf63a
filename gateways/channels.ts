import type Router from '@koa/router'
import type { GatewayDeps } from './gateway.js'
import { whatsappRoutes } from './whatsapp/routes.js'
import { gmailRoutes } from './gmail/routes.js'

/**
 * The channel webhooks the gateway serves, one router per channel. Each channel folder
 * (gateways/whatsapp, gateways/gmail, gateways/webForm) exports its router factory; add it here.
 */
export function channelRoutes(deps: GatewayDeps): Router[] {
  return [whatsappRoutes(deps), gmailRoutes(deps)]
}
