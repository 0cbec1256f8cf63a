/**
 * What kind of failure a handler met, which decides what delivery does with the event:
 * - `transient`: the infrastructure is away for a while (database, broker or registry
 *   unreachable; a provider's 5xx, 429 or timeout). Retrying is the cure, for as long as the
 *   fault lasts: the event is never dead-lettered for it.
 * - `permanent`: retrying cannot help (a PermanentError: bad data, a provider's definitive 4xx).
 *   The event goes to the DLQ at once, with the reason.
 * - `unknown`: anything else, most likely a bug. Retried a few times (FTE_MAX_ATTEMPTS), then
 *   dead-lettered, so one bad event does not stop its partition; replay it once fixed.
 */
export type FailureKind = 'transient' | 'permanent' | 'unknown'

// Node's socket and DNS errors, undici's (fetch), and the ones pg and gaxios wrap.
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
])

/**
 * Postgres SQLSTATEs that describe the server's state, not the statement: connection exceptions
 * (08), insufficient resources (53), operator intervention such as a shutdown or a restart in
 * progress (57P0x), and the concurrency outcomes a retry resolves (40001 serialization, 40P01
 * deadlock, 55P03 lock not available).
 */
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-4]$|40001$|40P01$|55P03$)/

// pg and its pool report a lost or unobtainable connection without a code.
const TRANSIENT_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused|socket hang up|fetch failed|Request timed out/i

const KAFKA_GAVE_UP = new Set(['KafkaJSNumberOfRetriesExceeded', 'KafkaJSTimeout', 'KafkaJSLockTimeout', 'KafkaJSGroupCoordinatorNotFound', 'KafkaJSConnectionError', 'KafkaJSConnectionClosedError', 'KafkaJSRequestTimeoutError', 'KafkaJSBrokerNotFound'])

const TIMEOUT_NAMES = new Set(['TimeoutError', 'AbortError', 'APIConnectionError', 'APIConnectionTimeoutError'])

type Inspectable = {
  name?: unknown
  code?: unknown
  status?: unknown
  statusCode?: unknown
  response?: { status?: unknown }
  message?: unknown
  retriable?: unknown
  cause?: unknown
  errors?: unknown
}

const statusOf = (e: Inspectable): number | undefined => {
  for (const s of [e.status, e.statusCode, e.response?.status]) if (typeof s === 'number') return s
  return undefined
}

export function classifyFailure(err: unknown, depth = 0): FailureKind {
  if (typeof err !== 'object' || err === null || depth > 4) return 'unknown'
  const e = err as Inspectable
  // Our own markers first: PermanentError, and the breaker's CircuitOpenError (retriable).
  const name = typeof e.name === 'string' ? e.name : ''
  if (name.startsWith('KafkaJS')) {
    // kafkajs marks what its own loop may retry. When it gives up on a broker that is away
    // (retries exhausted, a request or lock timing out, no coordinator) it says non-retriable
    // for itself; for us that is the textbook transient fault. Its other non-retriable errors
    // (an invariant violated, a protocol it does not implement) are not the broker being away.
    if (e.retriable === true || KAFKA_GAVE_UP.has(name)) return 'transient'
    return 'unknown'
  }
  if (e.retriable === false) return 'permanent'
  if (e.retriable === true) return 'transient'
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || TRANSIENT_SQLSTATE.test(e.code))) return 'transient'
  const status = statusOf(e)
  if (status !== undefined && (status >= 500 || status === 408 || status === 429)) return 'transient'
  if (TIMEOUT_NAMES.has(name)) return 'transient'
  if (typeof e.message === 'string' && TRANSIENT_MESSAGE.test(e.message)) return 'transient'
  // A wrapper (fetch's TypeError, pg's AggregateError over IPv4 and IPv6) carries the real cause.
  const inner = [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]
  if (inner.some((c) => classifyFailure(c, depth + 1) === 'transient')) return 'transient'
  return 'unknown'
}

/**
 * How long to wait before attempt `attempt + 1` (1-based attempts so far): capped exponential
 * backoff with "equal jitter" (half fixed, half random), so copies of a stage that failed
 * together do not retry together. `hintMs` (an open breaker's remaining cool-down) replaces the
 * exponential when given, still capped.
 */
export function backoffMs(attempt: number, baseMs: number, capMs: number, hintMs?: number, random: () => number = Math.random): number {
  const exp = hintMs ?? baseMs * 2 ** Math.min(30, attempt - 1)
  const ceiling = Math.max(0, Math.min(capMs, exp))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}
