import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompress, gzip, constants } from 'node:zlib'

export type Encoding = 'br' | 'gzip' | 'identity'

/** One representation of the script; a strong ETag per representation, as HTTP requires. */
export interface Representation {
  body: Buffer
  etag: string
}

export type WidgetBundle = Record<Encoding, Representation>

let cached: Promise<WidgetBundle> | undefined

/**
 * The embeddable widget (React + the form's zod contract) as one minified IIFE, built by esbuild
 * on first request and kept in memory: no build step to forget, and the browser validates with
 * exactly the module the server uses. Compressed once here (~320 KB -> ~85 KB brotli), since
 * nothing in front of Koa is guaranteed to. A failed build is not cached: the next request retries.
 */
export function widgetBundle(): Promise<WidgetBundle> {
  cached ??= buildWidget().catch((err: unknown) => {
    cached = undefined
    throw err
  })
  return cached
}

/** Sources under tsx (development, tests); the tsc output in dist/ (the production image). */
function entryPoint(): string {
  const candidates = ['./widget/main.ts', './widget/main.js'].map((p) => fileURLToPath(new URL(p, import.meta.url)))
  const found = candidates.find((p) => existsSync(p))
  if (!found) throw new Error(`web-form widget sources not found (looked for ${candidates.join(', ')})`)
  return found
}

async function buildWidget(): Promise<WidgetBundle> {
  // Loaded on demand: worker roles never serve the widget and need not load esbuild.
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: [entryPoint()],
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
    platform: 'browser',
    target: ['es2020'],
    charset: 'utf8',
    // React's production build; license comments are kept, at the end of the file.
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'eof',
    logLevel: 'silent',
  })
  const code = Buffer.from(result.outputFiles[0]!.contents)
  const hash = createHash('sha256').update(code).digest('base64url').slice(0, 32)
  const [br, gz] = await Promise.all([
    promisify(brotliCompress)(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length } }),
    promisify(gzip)(code, { level: 9 }),
  ])
  return {
    identity: { body: code, etag: `"${hash}"` },
    br: { body: br, etag: `"${hash}-br"` },
    gzip: { body: gz, etag: `"${hash}-gz"` },
  }
}
