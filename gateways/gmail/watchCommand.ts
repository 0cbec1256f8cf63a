import type { Runtime } from '../../platform/runtime.js'
import { gmailApi } from './gmailApi.js'
import { startCursor } from './historyCursor.js'

/**
 * users.watch: asks Gmail to publish the mailbox's INBOX changes to a Pub/Sub topic. A watch
 * lapses after 7 days, so this runs on a schedule (daily is the usual choice; renewing is
 * harmless). On the first call it also records the mailbox's current history id as where reading
 * starts, so the first push reads only what arrived after it; later calls never move the cursor
 * (that could skip mail not read yet).
 */
export async function watchMailbox(rt: Runtime, topicName: string): Promise<{ historyId: string; expiration: Date; cursorStarted: boolean }> {
  const gmail = rt.config.gmail
  if (!gmail) throw new Error('Gmail is not configured (set the GMAIL_* variables)')
  if (!/^projects\/[^/]+\/topics\/[^/]+$/.test(topicName)) throw new Error(`topic must look like projects/<project>/topics/<topic>, got "${topicName}"`)
  const api = await gmailApi(gmail)
  const res = await api.users.watch({ userId: 'me', requestBody: { topicName, labelIds: ['INBOX'], labelFilterBehavior: 'include' } })
  const historyId = res.data.historyId ?? ''
  if (!/^[0-9]+$/.test(historyId)) throw new Error(`users.watch answered without a history id: ${JSON.stringify(res.data)}`)
  const cursorStarted = await startCursor(rt.db, gmail.address, BigInt(historyId))
  return { historyId, expiration: new Date(Number(res.data.expiration)), cursorStarted }
}

/** users.stop: no more pushes for this mailbox (the stored cursor stays for a later watch). */
export async function stopWatching(rt: Runtime): Promise<void> {
  const gmail = rt.config.gmail
  if (!gmail) throw new Error('Gmail is not configured (set the GMAIL_* variables)')
  await (await gmailApi(gmail)).users.stop({ userId: 'me' })
}

export const GMAIL_USAGE = `gmail watch <projects/<project>/topics/<topic>>   start or renew Gmail push (run daily; a watch lapses after 7 days)
  gmail stop                                        stop Gmail push for the mailbox`

/** `fte gmail watch <topic>` and `fte gmail stop`: for bin/fte.ts. */
export async function gmailCommand(rt: Runtime, args: string[]): Promise<void> {
  const [sub, topic] = args
  if (sub === 'watch' && topic) {
    const w = await watchMailbox(rt, topic)
    console.log(`watching ${rt.config.gmail!.address} -> ${topic} until ${w.expiration.toISOString()} (history id ${w.historyId}${w.cursorStarted ? ', reading starts here' : ''})`)
  } else if (sub === 'stop') {
    await stopWatching(rt)
    console.log(`stopped Gmail push for ${rt.config.gmail!.address}`)
  } else {
    throw new Error(`usage:\n  ${GMAIL_USAGE}`)
  }
}
