import { AsyncLocalStorage } from 'node:async_hooks'
import type { OutgoingEvent } from './transport/contract.js'

/**
 * The correlation id follows one message through the pipeline: the gateway gives every request
 * one (or takes the caller's X-Request-Id), the events it publishes carry it as a header, each
 * stage handles an event inside its id and stamps the events it publishes with it, and every log
 * line written meanwhile names it. `grep <id>` then shows the message from intake to dispatch,
 * and a staff action likewise from the request to the reply sent.
 */
export const CORRELATION_HEADER = 'x-fte-correlation-id'

const context = new AsyncLocalStorage<string>()

export const withCorrelation = <T>(id: string, fn: () => T): T => context.run(id, fn)

export const correlationId = (): string | undefined => context.getStore()

/** What a caller may hand us as its request id: short, and nothing a log viewer would render. */
export const acceptableRequestId = (id: string | undefined): id is string => !!id && /^[A-Za-z0-9._:-]{8,64}$/.test(id)

/** The current correlation id on every event that does not carry one yet. */
export function stamped(events: OutgoingEvent[]): OutgoingEvent[] {
  const id = correlationId()
  if (!id) return events
  return events.map((e) => (e.headers?.[CORRELATION_HEADER] ? e : { ...e, headers: { ...e.headers, [CORRELATION_HEADER]: id } }))
}
