import type Koa from 'koa'

type Cell = string | number | boolean | null | undefined

/**
 * RFC 4180 CSV. A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe: customers' words reach these files, and opening a report must not run them.
 * Every text cell is quoted, so a spreadsheet that splits on ';' (a German or French Excel) cannot
 * cut 'ok;=HYPERLINK(...)' into a formula cell of its own. Numbers are written as they are, so
 * negative figures stay numbers.
 */
export function toCsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  const cell = (v: Cell): string => {
    if (v === null || v === undefined) return ''
    if (typeof v === 'number' || typeof v === 'boolean') return String(v)
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
    return `"${safe.replace(/"/g, '""')}"`
  }
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n'
}

/** Answers with a CSV download named `filename`. */
export function sendCsv(ctx: Koa.Context, filename: string, columns: readonly string[], rows: readonly Record<string, Cell>[]): void {
  ctx.type = 'text/csv; charset=utf-8'
  ctx.set('Content-Disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
  ctx.body = toCsv(columns, rows)
}
