import Router from '@koa/router'
import type Koa from 'koa'
import type { GatewayDeps } from '../http/deps.js'
import { Topics } from '../../schemas/index.js'
import { STATUS_CALLBACK_PATH } from './sender.js'
import { inboundMessageOf, parseInboundForm } from './inboundMessage.js'
import { parseStatusForm, replyOfProviderMessage, replyStatusOf } from './statusCallback.js'
import { badParam, EMPTY_TWIML, verifiedTwilioForm } from './twilioWebhook.js'

export const INBOUND_PATH = '/webhooks/whatsapp'
/** The sender names this route as each message's StatusCallback. */
export const STATUS_PATH = STATUS_CALLBACK_PATH

/**
 * The Twilio WhatsApp webhooks: incoming messages ("When a message comes in") and delivery
 * status callbacks. Both are signed by Twilio; both answer before any processing happens, since
 * the pipeline does the work from the published event.
 */
export function whatsappRoutes(deps: GatewayDeps): Router {
  const router = new Router()
  const log = deps.log.child({ channel: 'whatsapp' })

  router.post(INBOUND_PATH, async (ctx) => {
    const form = parseInboundForm(await verifiedTwilioForm(ctx, deps.config, log))
    if (!form.ok) throw badParam(form.field, form.message)
    const inbound = inboundMessageOf(form.value, Date.now())
    // Keyed by the customer's number so one person's messages stay in order on one partition.
    await deps.transport.publish([{ topic: Topics.ticketsIncoming, key: form.value.phone, value: inbound }])
    emptyTwiml(ctx)
  })

  router.post(STATUS_PATH, async (ctx) => {
    const form = parseStatusForm(await verifiedTwilioForm(ctx, deps.config, log))
    if (!form.ok) throw badParam(form.field, form.message)
    const callback = form.value
    if (callback.tracked) {
      const reply = await replyOfProviderMessage(deps.db, callback.messageSid)
      if (reply) {
        await deps.transport.publish([{ topic: Topics.replyStatus, key: reply.ticket_id, value: replyStatusOf(reply, callback, Date.now()) }])
      } else {
        // Not one of ours (another app on the same number) or sent before we kept records:
        // acknowledge, or Twilio keeps reporting errors for a callback nobody can act on.
        log.warn('WhatsApp status callback for an unknown message; acknowledged and ignored', { sid: callback.messageSid, status: callback.status })
      }
    } else {
      log.debug('WhatsApp status not tracked; acknowledged', { sid: callback.messageSid, status: callback.status })
    }
    emptyTwiml(ctx)
  })

  return router
}

function emptyTwiml(ctx: Koa.Context) {
  ctx.status = 200
  ctx.type = 'text/xml'
  ctx.body = EMPTY_TWIML
}
