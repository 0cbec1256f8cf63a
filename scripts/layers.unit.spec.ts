import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

/**
 * The house rules, read from the imports of every production file (type-only imports included:
 * they are dependencies too): no cycles, and layers that point down,
 * schemas <- platform <- pipelines/projections <- gateways <- bin.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PRODUCT = ['schemas', 'platform', 'pipelines', 'projections', 'gateways', 'bin', 'demo']
const notProduct = (f: string) => /\.spec\.tsx?$|\.d\.ts$/.test(f) || /^demo\/(evaluate|samples|evalCases|evalSplit)\.ts$/.test(f)

function productionFiles(): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir))) {
      const rel = path.join(dir, name)
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel)
      else if (/\.tsx?$/.test(name) && !notProduct(rel)) out.push(rel)
    }
  }
  PRODUCT.forEach(walk)
  return out
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true)
  return info.importedFiles
    .map((i) => i.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => path.normalize(path.join(path.dirname(file), s)).replace(/\.js$/, ''))
    .map((base) => [`${base}.ts`, `${base}.tsx`].find((c) => files.includes(c)) ?? `${base} (unresolved)`)
}

const files = productionFiles()
const graph = new Map(files.map((f) => [f, importsOf(f)]))
const top = (f: string) => f.split('/')[0]!

/** Which top-level folders (or sub-folders, for gateways/http and the stages) a file may import. */
function allowed(from: string, to: string): boolean {
  const [a, b] = [top(from), top(to)]
  if (a === 'schemas') return b === 'schemas'
  if (a === 'platform') return b === 'schemas' || b === 'platform'
  if (a === 'pipelines' || a === 'projections') {
    if (!['schemas', 'platform', 'pipelines', 'projections'].includes(b)) return false
    // A stage may use its own folder and the layers below, not another stage's folder.
    return !(a === 'pipelines' && b === 'pipelines' && from.split('/')[1] !== to.split('/')[1])
  }
  if (a === 'gateways') {
    if (from.startsWith('gateways/http/')) return b !== 'gateways' || to.startsWith('gateways/http/')
    return !['bin', 'demo'].includes(b)
  }
  if (a === 'demo') return ['schemas', 'demo'].includes(b)
  return true // bin: the composition root
}

describe('import graph of the product', () => {
  it('reads the production files and resolves every relative import', () => {
    assert.ok(files.length > 50, `${files.length} files`)
    const unresolved = [...graph].flatMap(([f, deps]) => deps.filter((d) => d.endsWith('(unresolved)')).map((d) => `${f} -> ${d}`))
    assert.deepEqual(unresolved, [])
  })

  it('has no import cycles', () => {
    // Tarjan's strongly connected components: any component of two or more files is a cycle.
    let index = 0
    const idx = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>()
    const cycles: string[][] = []
    const visit = (v: string) => {
      idx.set(v, index)
      low.set(v, index++)
      stack.push(v)
      on.add(v)
      for (const w of graph.get(v) ?? []) {
        if (!idx.has(w)) {
          visit(w)
          low.set(v, Math.min(low.get(v)!, low.get(w)!))
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
      }
      if (low.get(v) !== idx.get(v)) return
      const scc: string[] = []
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        on.delete(w)
        scc.push(w)
        if (w === v) break
      }
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc.sort())
    }
    for (const f of files) if (!idx.has(f)) visit(f)
    assert.deepEqual(cycles, [])
  })

  it('points down: no import against the layers', () => {
    const against = [...graph].flatMap(([f, deps]) => deps.filter((d) => !allowed(f, d)).map((d) => `${f} -> ${d}`))
    assert.deepEqual(against, [])
  })

  it('knows a wrong import when it sees one', () => {
    assert.equal(allowed('platform/db.ts', 'pipelines/identity/stage.ts'), false)
    assert.equal(allowed('pipelines/decision/stage.ts', 'pipelines/identity/statedIdentifiers.ts'), false)
    assert.equal(allowed('pipelines/decision/stage.ts', 'demo/articles.ts'), false)
    assert.equal(allowed('gateways/http/errors.ts', 'gateways/webForm/routes.ts'), false)
    assert.equal(allowed('bin/roles.ts', 'demo/articles.ts'), true)
  })
})
