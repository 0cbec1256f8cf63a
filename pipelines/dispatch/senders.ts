import type { Channel } from '../../schemas/index.js'
import type { Runtime } from '../../platform/runtime.js'
import { recordingSender, webFormSender, type ChannelSender } from './channels.js'

/**
 * How each channel's replies leave, from the configuration: the provider's sender when the
 * channel is configured, the recording sender otherwise (offline mode).
 */
export function sendersFor(rt: Runtime): Record<Channel, ChannelSender> {
  return {
    web_form: webFormSender(),
    email: recordingSender('email', rt.log),
    whatsapp: recordingSender('whatsapp', rt.log),
  }
}
