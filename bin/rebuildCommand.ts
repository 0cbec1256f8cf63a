import type { Runtime } from '../platform/runtime.js'
import { rebuildReadModel, RebuildError, type RebuildProgress } from '../platform/rebuild.js'
import { embedderFor } from './roles.js'
import { NO_EMBEDDER, READ_MODEL_NAMES, readModels } from '../projections/readModels.js'

export const REBUILD_USAGE = `rebuild [--read-model <name>]
                           rebuild read models from the log (all, or one of ${READ_MODEL_NAMES.join(', ')});
                           the product keeps serving the current tables until the new ones swap in
                           (embedded mode: stop npm start first, PGlite is one process's)`

export class RebuildUsageError extends Error {}

const n = (v: number) => v.toLocaleString('en-US')

/** One line saying where a rebuild is: redrawn in place on a terminal, else every few seconds. */
function progressPrinter(out: NodeJS.WriteStream = process.stderr) {
  let lastLine = 0
  return (p: RebuildProgress) => {
    const pct = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100
    const left = p.secondsLeft === null || p.done >= p.total ? '' : `, ~${p.secondsLeft} s left`
    const line = `[rebuild] ${p.readModel}: ${p.phase}, ${n(p.done)} / ${n(p.total)} events (${pct} %), ${n(p.eventsPerSecond)} events/s${left}`
    if (out.isTTY) {
      out.write(`\r\x1b[2K${line}`)
      if (p.phase === 'done') out.write('\n')
    } else if ((p.phase !== 'replaying' && p.phase !== 'reading the log') || Date.now() - lastLine >= 5000) {
      out.write(`${line}\n`)
      lastLine = Date.now()
    }
  }
}

/** `fte rebuild [--read-model <name>]`: one read model after the other, each swapped in when complete. */
export async function rebuildCommand(rt: Runtime, args: string[]): Promise<void> {
  const i = args.indexOf('--read-model')
  const only = i >= 0 ? args[i + 1] : undefined
  if (i >= 0 && !only) throw new RebuildUsageError('--read-model needs a name')
  const unknown = args.filter((a, k) => a.startsWith('-') && a !== '--read-model' && args[k - 1] !== '--read-model')
  if (unknown.length) throw new RebuildUsageError(`unknown option ${unknown.join(' ')}`)
  if (only && !(READ_MODEL_NAMES as readonly string[]).includes(only)) {
    throw new RebuildUsageError(`no read model "${only}"; there are ${READ_MODEL_NAMES.join(', ')}`)
  }
  const wanted = only ? [only] : [...READ_MODEL_NAMES]
  // Only the knowledge read models embed: the model is loaded when one of them is rebuilt.
  const embeds = wanted.some((w) => w === 'knowledge_base' || w === 'knowledge_candidates')
  const embedder = embeds ? await embedderFor(rt) : NO_EMBEDDER
  const all = readModels(embedder)
  const refused = all.find((p) => p.name === only && p.notRebuilt)
  if (refused) throw new RebuildUsageError(`${refused.name} is not rebuilt from the log: ${refused.notRebuilt}`)
  const projections = all.filter((p) => wanted.includes(p.name) && !p.notRebuilt)
  const print = progressPrinter()
  let events = 0
  const started = Date.now()
  for (const projection of projections) {
    const before = await Promise.all(projection.tables.map(async (t) => (await rt.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n))
    try {
      const r = await rebuildReadModel({ db: rt.db, transport: rt.transport, projection, log: rt.log, onProgress: print })
      events += r.events
      const rows = projection.tables.map((t, k) => `${t} ${n(before[k]!)} -> ${n(r.rows[t] ?? 0)} rows`).join(', ')
      console.log(`${projection.name}: ${n(r.events)} events in ${r.seconds.toFixed(1)} s (${n(Math.round(r.events / Math.max(r.seconds, 0.001)))} events/s); ${rows}`)
    } catch (err) {
      if (err instanceof RebuildError) throw new RebuildError(`${projection.name}: ${err.message}`)
      throw err
    }
  }
  const seconds = (Date.now() - started) / 1000
  console.log(`rebuilt ${projections.length} read model(s) from ${n(events)} events in ${seconds.toFixed(1)} s`)
}
