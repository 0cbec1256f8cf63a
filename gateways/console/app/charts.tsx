import { useId } from 'react'

/**
 * Plain SVG charts for the reports page: no chart library (the console's CSP allows our own
 * script and styles only, and a few bars need none). Each is a <figure> whose picture has a
 * text name, every mark a <title>, and the figures behind it in a table a screen reader (or
 * anyone) can open. Series are told apart by position and labels, not colour alone.
 */

export interface Series {
  key: string
  label: string
}

export interface BarGroup {
  label: string
  values: Record<string, number | null>
}

interface ChartFrame {
  title: string
  /** One sentence saying what the chart shows, read before the picture. */
  caption: string
  format: (v: number) => string
  /** Said when there is nothing to draw. */
  empty: string
}

const BAR_H = 18
const GAP = 6
const LABEL_W = 170
const PLOT_W = 420
const VALUE_W = 90

/** Horizontal bars, one group per row label and one bar per series within it. */
export function BarChart({ title, caption, groups, series, format, empty }: ChartFrame & { groups: BarGroup[]; series: Series[] }) {
  const uid = useId()
  const all = groups.flatMap((g) => series.map((s) => g.values[s.key] ?? 0))
  const max = Math.max(0, ...all)
  const groupH = series.length * (BAR_H + 2) + GAP * 2
  const height = groups.length * groupH + 24
  const width = LABEL_W + PLOT_W + VALUE_W
  const hasData = groups.length > 0 && max > 0
  return (
    <figure className="chart" aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`}>{title}</h2>
      <figcaption className="hint">{caption}</figcaption>
      {series.length > 1 ? <Legend series={series} /> : null}
      {hasData ? (
        <svg role="img" aria-labelledby={`${uid}-t`} viewBox={`0 0 ${width} ${height}`} width="100%" className="chart-svg">
          {groups.map((g, gi) => {
            const y0 = gi * groupH + GAP
            return (
              <g key={g.label} className="bar-group">
                <text x={LABEL_W - 8} y={y0 + (series.length * (BAR_H + 2)) / 2 + 4} textAnchor="end" className="axis-label">
                  {g.label}
                </text>
                {series.map((s, si) => {
                  const v = g.values[s.key]
                  const w = v && max > 0 ? Math.max(1, (v / max) * PLOT_W) : 0
                  const y = y0 + si * (BAR_H + 2)
                  return (
                    <g key={s.key} className={`bar series-${si}`} data-series={s.key} data-group={g.label}>
                      <rect x={LABEL_W} y={y} width={w} height={BAR_H} rx="2">
                        <title>{`${g.label}, ${s.label}: ${v === null || v === undefined ? 'no data' : format(v)}`}</title>
                      </rect>
                      <text x={LABEL_W + w + 6} y={y + BAR_H - 5} className="value-label">
                        {v === null || v === undefined ? '–' : format(v)}
                      </text>
                    </g>
                  )
                })}
              </g>
            )
          })}
          <line x1={LABEL_W} x2={LABEL_W} y1={0} y2={height - 20} className="axis" />
        </svg>
      ) : (
        <p className="empty">{empty}</p>
      )}
      <FiguresTable title={title} rows={groups.map((g) => ({ label: g.label, cells: series.map((s) => g.values[s.key] ?? null) }))} series={series} format={format} />
    </figure>
  )
}

const LINE_H = 220
const PAD = { left: 44, right: 16, top: 12, bottom: 30 }

/** Lines over days, on a fixed 0..1 scale with the neutral 0.5 and the hand-over 0.3 marked. */
export function SentimentLines({ title, caption, days, series, values, format, empty }: ChartFrame & {
  days: string[]
  series: Series[]
  /** values[series][day index]; null where the channel had no scored message that day. */
  values: Record<string, (number | null)[]>
}) {
  const uid = useId()
  const width = 640
  const plotW = width - PAD.left - PAD.right
  const plotH = LINE_H - PAD.top - PAD.bottom
  const x = (i: number) => PAD.left + (days.length <= 1 ? plotW / 2 : (i / (days.length - 1)) * plotW)
  const y = (v: number) => PAD.top + (1 - v) * plotH
  const hasData = series.some((s) => (values[s.key] ?? []).some((v) => v !== null))
  return (
    <figure className="chart" aria-labelledby={`${uid}-t`}>
      <h2 id={`${uid}-t`}>{title}</h2>
      <figcaption className="hint">{caption}</figcaption>
      <Legend series={series} />
      {hasData ? (
        <svg role="img" aria-labelledby={`${uid}-t`} viewBox={`0 0 ${width} ${LINE_H}`} width="100%" className="chart-svg">
          {[0, 0.3, 0.5, 1].map((t) => (
            <g key={t}>
              <line x1={PAD.left} x2={width - PAD.right} y1={y(t)} y2={y(t)} className={t === 0.5 ? 'grid neutral' : t === 0.3 ? 'grid threshold' : 'grid'} />
              <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="axis-label">
                {t.toFixed(1)}
              </text>
            </g>
          ))}
          {days.map((d, i) => (
            <text key={d} x={x(i)} y={LINE_H - 8} textAnchor="middle" className="axis-label">
              {d.slice(5)}
            </text>
          ))}
          {series.map((s, si) => {
            const pts = (values[s.key] ?? []).map((v, i) => (v === null ? null : ([x(i), y(v), v, i] as const)))
            // A day without messages breaks the line instead of inventing a value for it.
            const path = pts.reduce((acc, p, i) => (p ? `${acc}${acc && pts[i - 1] ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}` : acc), '')
            return (
              <g key={s.key} className={`line series-${si}`} data-series={s.key}>
                {path ? <path d={path} fill="none" /> : null}
                {pts.map((p) =>
                  p ? (
                    <circle key={p[3]} cx={p[0]} cy={p[1]} r="4" data-day={days[p[3]]}>
                      <title>{`${s.label}, ${days[p[3]]}: ${format(p[2])}`}</title>
                    </circle>
                  ) : null,
                )}
              </g>
            )
          })}
        </svg>
      ) : (
        <p className="empty">{empty}</p>
      )}
      <FiguresTable
        title={title}
        rows={days.map((d, i) => ({ label: d, cells: series.map((s) => values[s.key]?.[i] ?? null) }))}
        series={series}
        format={format}
      />
    </figure>
  )
}

function Legend({ series }: { series: Series[] }) {
  return (
    <ul className="legend" aria-hidden="true">
      {series.map((s, i) => (
        <li key={s.key}>
          <svg width="14" height="14" className={`swatch series-${i}`}>
            <rect width="14" height="14" rx="3" />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  )
}

function FiguresTable({ title, rows, series, format }: { title: string; rows: { label: string; cells: (number | null)[] }[]; series: Series[]; format: (v: number) => string }) {
  return (
    <details className="figures">
      <summary>Show the figures</summary>
      <table className="queue">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            <th scope="col"></th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, i) => (
                <td key={series[i]!.key}>{c === null ? '–' : format(c)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}
