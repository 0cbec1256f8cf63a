import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { brotliCompress, gzip, constants } from 'node:zlib'
import type Koa from 'koa'

export type Encoding = 'br' | 'gzip' | 'identity'

/** One representation of an asset; a strong ETag per representation, as HTTP requires. */
export interface Representation {
  body: Buffer
  etag: string
}

export type CompressedAsset = Record<Encoding, Representation>

/**
 * A browser app (React and whatever its entry imports) as one minified IIFE, built by esbuild on
 * first call and kept in memory: no build step to forget, and the browser runs exactly the modules
 * the server was built from. A failed build is not cached: the next call retries.
 * `entry` is the entry module without its extension: `.ts`/`.tsx` under tsx, `.js` in dist/.
 */
export function scriptBundle(opts: { entry: URL; what: string }): () => Promise<CompressedAsset> {
  let cached: Promise<CompressedAsset> | undefined
  return () => {
    cached ??= buildScript(entryPoint(opts.entry, opts.what)).then(compressedAsset).catch((err: unknown) => {
      cached = undefined
      throw err
    })
    return cached
  }
}

function entryPoint(entry: URL, what: string): string {
  const candidates = ['.ts', '.tsx', '.js'].map((ext) => fileURLToPath(`${entry.href}${ext}`))
  const found = candidates.find((p) => existsSync(p))
  if (!found) throw new Error(`${what} sources not found (looked for ${candidates.join(', ')})`)
  return found
}

async function buildScript(entryPoint: string): Promise<Buffer> {
  // Loaded on demand: worker roles never serve a page and need not load esbuild.
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: [entryPoint],
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
  return Buffer.from(result.outputFiles[0]!.contents)
}

/** Compressed once here (a React app shrinks about 4x with brotli), since nothing in front of Koa is guaranteed to. */
export async function compressedAsset(body: Buffer): Promise<CompressedAsset> {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 32)
  const [br, gz] = await Promise.all([
    promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    promisify(gzip)(body, { level: 9 }),
  ])
  return {
    identity: { body, etag: `"${hash}"` },
    br: { body: br, etag: `"${hash}-br"` },
    gzip: { body: gz, etag: `"${hash}-gz"` },
  }
}

/**
 * Answers with the representation the client takes (our preference, smallest first, whatever
 * order it lists them in), or 304 when its copy is current. Set caching and CORS headers first.
 */
export function sendAsset(ctx: Koa.Context, asset: CompressedAsset, type: string): void {
  const encoding: Encoding = (['br', 'gzip'] as const).find((e) => ctx.acceptsEncodings(e) === e) ?? 'identity'
  const chosen = asset[encoding]
  ctx.status = 200
  ctx.vary('Accept-Encoding')
  ctx.set('ETag', chosen.etag)
  ctx.set('X-Content-Type-Options', 'nosniff')
  if (ctx.fresh) {
    ctx.status = 304
    return
  }
  ctx.type = type
  if (encoding !== 'identity') ctx.set('Content-Encoding', encoding)
  ctx.body = chosen.body
}
