import { badParameter } from '../http/errors.js'
import type { Range } from '../../projections/reports/reports.js'

/**
 * The reports' query parameters. A mistake is a 400 naming the parameter, with what it must be:
 * a report is a GET an analyst types by hand, so the answer has to say what to fix.
 */
const DAY_MS = 86_400_000
/** A year and a day: a whole year of days always fits, and no query scans the log's whole life by accident. */
export const MAX_RANGE_DAYS = 367

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// ISO 8601 with a time and an explicit zone: a bare local time would mean a different instant on every server.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

const single = (raw: unknown, name: string): string | undefined => {
  if (raw === undefined) return undefined
  if (typeof raw !== 'string') throw badParameter(name, 'must be given once')
  return raw
}

/** A UTC calendar date (YYYY-MM-DD) at its midnight, or null when it is no real day (2026-02-30). */
export function parseDay(text: string): Date | null {
  const m = DATE.exec(text)
  if (!m) return null
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === text ? d : null
}

function instant(raw: string, name: string): Date {
  const day = parseDay(raw)
  if (day) return day
  if (DATE_TIME.test(raw)) {
    const d = new Date(raw)
    if (!Number.isNaN(d.getTime())) return d
  }
  throw badParameter(name, 'must be a date (2026-12-01) or an ISO 8601 date-time with a zone (2026-12-01T09:00:00Z)')
}

/**
 * from/to, half-open [from, to). Neither: the last 24 hours (or, with `whenAbsent: null`, no
 * range at all). Only one: the other is 24 hours away from it (to defaults to now).
 */
export function parseRange(query: Record<string, unknown>, now: Date, whenAbsent: 'last24h' | null = 'last24h'): Range | null {
  const fromRaw = single(query.from, 'from')
  const toRaw = single(query.to, 'to')
  if (fromRaw === undefined && toRaw === undefined && whenAbsent === null) return null
  const to = toRaw !== undefined ? instant(toRaw, 'to') : fromRaw !== undefined ? new Date(Math.max(now.getTime(), instant(fromRaw, 'from').getTime() + DAY_MS)) : now
  const from = fromRaw !== undefined ? instant(fromRaw, 'from') : new Date(to.getTime() - DAY_MS)
  if (to.getTime() <= from.getTime()) throw badParameter('to', 'must be after from (the range is from <= t < to)')
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw badParameter('from', `the range may span at most ${MAX_RANGE_DAYS} days`)
  return { from, to }
}

/** ?date=YYYY-MM-DD, a UTC day; today when absent. */
export function parseReportDay(query: Record<string, unknown>, now: Date): Date {
  const raw = single(query.date, 'date')
  if (raw === undefined) return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  const day = parseDay(raw)
  if (!day) throw badParameter('date', 'must be a calendar date, YYYY-MM-DD (2026-12-01)')
  return day
}

export type Format = 'json' | 'csv'

export function parseFormat(query: Record<string, unknown>): Format {
  const raw = single(query.format, 'format')
  if (raw === undefined || raw === 'json') return 'json'
  if (raw === 'csv') return 'csv'
  throw badParameter('format', 'must be json or csv')
}
