import pino from 'pino'
import type { LogLevel } from './config.js'
import { redactContacts, redactFields } from './redact.js'
import { correlationId } from './correlation.js'

/**
 * JSON lines on stderr through pino: one object per event, for k8s log collectors and for humans
 * with jq. Email addresses and phone numbers are replaced in every line (redact.ts): customers are
 * named by id. A line written while an event or a request is handled names its correlation_id
 * (correlation.ts), so one message can be followed through every stage.
 */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
  child(fields: Record<string, unknown>): Logger
}

function wrap(p: pino.Logger): Logger {
  const write = (lvl: 'debug' | 'info' | 'warn' | 'error') => (msg: string, fields?: Record<string, unknown>) => {
    if (!p.isLevelEnabled(lvl)) return
    const line = redactFields(fields ?? {}) as Record<string, unknown>
    line.correlation_id ??= correlationId()
    p[lvl](line, redactContacts(msg))
  }
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (fields) => wrap(p.child(redactFields(fields) as Record<string, unknown>)),
  }
}

export function createLogger(level: LogLevel = 'info', base: Record<string, unknown> = {}): Logger {
  const p = pino(
    {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers: the lines are read by people as much as by collectors.
      formatters: { level: (label) => ({ level: label }) },
    },
    // process.stderr rather than pino's own fd writer: it keeps the order with everything else
    // the process writes there.
    process.stderr,
  )
  return wrap(Object.keys(base).length ? p.child(redactFields(base) as Record<string, unknown>) : p)
}
