import type { Channel, DeliveryStatus, ReplyRequested } from '../../schemas/index.js'
import type { Logger } from '../../platform/log.js'

export type SendResult = { status: DeliveryStatus; providerMessageId: string | null }

/** How a reply leaves the building on one channel. */
export interface ChannelSender {
  channel: Channel
  send(reply: ReplyRequested): Promise<SendResult>
  /**
   * Asks the provider whether an earlier attempt at this reply, begun at `since`, reached it after
   * all (the call timed out, or the process died before recording the answer). The reply as the
   * provider has it, or null when it has not: then it is sent. Senders without a provider (the
   * web form, the recording sender) have nothing to ask and need none.
   */
  reconcile?(reply: ReplyRequested, since: number): Promise<SendResult | null>
}

/** Web-form replies are read on the ticket status page, which the messages read model serves. */
export const webFormSender = (): ChannelSender => ({
  channel: 'web_form',
  send: async () => ({ status: 'delivered', providerMessageId: null }),
})

/**
 * With no provider credentials the product still runs: the reply is recorded (log line plus the
 * dispatcher's outbound_sends row, status `recorded`) instead of being sent.
 */
export const recordingSender = (channel: Channel, log: Logger): ChannelSender => ({
  channel,
  async send(reply) {
    log.info('reply recorded (no provider configured for this channel)', { channel, reply_id: reply.reply_id, customer_id: reply.customer_id })
    return { status: 'recorded', providerMessageId: null }
  },
})
