import type { Channel } from '../schemas/index.js'
import type { Runtime } from '../platform/runtime.js'
import { recordingSender, webFormSender, type ChannelSender } from '../pipelines/dispatch/sender.js'
import { whatsappSender } from '../gateways/whatsapp/sender.js'
import { gmailSender, webFormWithEmailCopy } from '../gateways/gmail/sender.js'
import { emailCopyAllowance } from '../gateways/gmail/emailCopies.js'

/**
 * How each channel's replies leave, from the configuration: the provider's sender when the
 * channel is configured, the recording sender otherwise (offline mode).
 */
export function sendersFor(rt: Runtime): Record<Channel, ChannelSender> {
  return {
    web_form: rt.config.gmail
      ? webFormWithEmailCopy(webFormSender(), gmailSender({ config: rt.config, log: rt.log }), emailCopyAllowance(rt.db, rt.config.emailCopiesPerDay), rt.log, rt.config.http.publicBaseUrl)
      : webFormSender(),
    email: rt.config.gmail ? gmailSender({ config: rt.config, log: rt.log }) : recordingSender('email', rt.log),
    whatsapp: rt.config.twilio ? whatsappSender({ config: rt.config, db: rt.db, log: rt.log }) : recordingSender('whatsapp', rt.log),
  }
}
