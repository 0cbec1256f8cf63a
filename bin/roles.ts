import type { Server } from 'node:http'
import type Koa from 'koa'
import type { AddressInfo } from 'node:net'
import type { Runtime } from '../platform/runtime.js'
import type { Subscription } from '../platform/transport/contract.js'
import { runStage } from '../platform/stage.js'
import { readModelOfGroup, runProjection } from '../platform/projection.js'
import { stableId } from '../platform/ids.js'
import { Topics, type KnowledgeArticlePublished } from '../schemas/index.js'
import { identityStage } from '../pipelines/identity/stage.js'
import { retrievalStage } from '../pipelines/retrieval/stage.js'
import { decisionStage } from '../pipelines/decision/stage.js'
import { dispatchStage } from '../pipelines/dispatch/stage.js'
import { sendersFor } from './senders.js'
import { circuitBreaker } from '../pipelines/dispatch/breaker.js'
import { sampleConsumerLag } from '../platform/transport/consumerLag.js'
import { reembedKnowledge } from '../projections/knowledgeBase/knowledgeBaseProjection.js'
import { readModels } from '../projections/readModels.js'
import { hashEmbedder, openAiEmbedder, sentenceEmbedder, type Embedder } from '../platform/embedding/embedder.js'
import { ensureModelFiles, LOCAL_MODELS, type ModelFiles, type ModelSpec } from '../platform/embedding/modelFiles.js'
import type { Config } from '../platform/config.js'
import type { Logger } from '../platform/log.js'
import { offlineResponder, openAiResponder, type Responder } from '../pipelines/decision/responder.js'
import OpenAI from 'openai'
import { curationStage } from '../pipelines/knowledge/curation.js'
import { ticketSoFar } from '../projections/tickets/ticketSoFar.js'
import { createGateway } from '../gateways/gateway.js'
import { consoleBaseUrl, firstStartSignIn } from '../gateways/console/signInLinks.js'
import { metricsApp } from '../gateways/ops/routes.js'
import { metrics } from '../platform/metrics.js'
import { ARTICLES } from '../demo/articles.js'

export const ROLES = ['gateway', 'identity', 'retrieval', 'decision', 'dispatch', 'projections'] as const
export type Role = (typeof ROLES)[number]

export interface Running {
  url: string | null
  /** Where Prometheus reads GET /metrics (FTE_METRICS_PORT), apart from the public port. */
  metricsUrl: string | null
  /** On a new install (no staff yet): the one-time console sign-in link for the first admin. */
  consoleSignIn: string | null
  close(): Promise<void>
}

const openAiClient = (o: NonNullable<Runtime['config']['openai']>) => new OpenAI({ apiKey: o.apiKey, baseURL: o.baseUrl, timeout: o.timeoutMs, maxRetries: 1 })

/**
 * The embedding model: OpenAI's when OPENAI_API_KEY is set, else the local one (all-MiniLM-L6-v2
 * in-process, downloaded once on first start; or lexical hashing with FTE_LOCAL_EMBEDDING=hash).
 * Its relevance bar is the model's own unless FTE_KB_MIN_SCORE overrides it.
 */
export async function embedderFor(rt: Runtime): Promise<Embedder> {
  const embedder = await modelEmbedder(rt)
  const override = rt.config.knowledgeMinScore
  return override === undefined ? embedder : { ...embedder, minScore: override }
}

async function modelEmbedder(rt: Runtime): Promise<Embedder> {
  if (rt.config.openai) return openAiEmbedder(openAiClient(rt.config.openai), rt.config.openai.embeddingModel)
  const files = await localModelFiles(rt.config, rt.log)
  return files ? sentenceEmbedder(localModelSpec(rt.config)!, files) : hashEmbedder()
}

/** The local sentence model FTE_LOCAL_EMBEDDING names; null for the hashing embedding. */
export const localModelSpec = (config: Config): ModelSpec | null => (config.localEmbedding.kind === 'model' ? LOCAL_MODELS[config.localEmbedding.model] : null)

/** The local sentence model's files, fetched if missing; null when the hashing embedding is configured. */
export async function localModelFiles(config: Config, log: Logger): Promise<ModelFiles | null> {
  const local = config.localEmbedding
  if (local.kind === 'hash') return null
  return ensureModelFiles(LOCAL_MODELS[local.model], { dir: local.modelDir, repository: local.repository, progress: (msg, fields) => log.info(msg, fields) })
}

/** The answer writer: OpenAI chat when OPENAI_API_KEY is set (falling back to offline on failure), else offline. */
export function responderFor(rt: Runtime): Responder {
  const offline = offlineResponder()
  const o = rt.config.openai
  return o ? openAiResponder(openAiClient(o), { model: o.chatModel, timeoutMs: o.timeoutMs, company: rt.config.company }, offline, rt.log) : offline
}

/** Starts the given roles on one runtime. Each stage is its own consumer group, so a role can run anywhere. */
export async function startRoles(rt: Runtime, roles: readonly Role[]): Promise<Running> {
  const subs: Subscription[] = []
  let server: Server | undefined
  let metricsServer: Server | undefined
  let consoleSignIn: string | null = null
  // Only the roles that embed load the model: a gateway pod needs none of it.
  const embedder = roles.includes('retrieval') || roles.includes('projections') ? await embedderFor(rt) : null
  const starting: Promise<Subscription>[] = []
  for (const role of roles) {
    switch (role) {
      case 'identity':
        starting.push(runStage(rt.transport, identityStage(rt.db)))
        break
      case 'retrieval':
        starting.push(runStage(rt.transport, retrievalStage(rt.db, embedder!, {
            minScore: embedder!.minScore,
            onEmbedError: (err) => rt.log.warn('query embedding failed; searching full text only', { error: err.message }),
          })))
        break
      case 'decision':
        starting.push(runStage(rt.transport, decisionStage({ company: rt.config.company, responder: responderFor(rt), ticketSoFar: ticketSoFar(rt.db), log: rt.log })))
        break
      case 'dispatch':
        for (const sender of Object.values(sendersFor(rt))) {
          starting.push(runStage(rt.transport, dispatchStage(rt.db, sender, circuitBreaker(sender.channel, rt.config.breaker))))
        }
        break
      case 'projections': {
        // Chunks embedded by another model are useless to this one's queries: re-embed first.
        const reembedded = await reembedKnowledge(rt.db, embedder!)
        if (reembedded) rt.log.info('knowledge base re-embedded', { chunks: reembedded, model: embedder!.model })
        for (const p of readModels(embedder!)) {
          starting.push(runProjection(rt.transport, rt.db, p))
        }
        // Approved candidates become articles; beside the knowledge-base projection, which embeds them.
        starting.push(runStage(rt.transport, curationStage(rt.db)))
        break
      }
      case 'gateway':
        break // below: every process listens; the gateway role adds the public routes
    }
  }
  // Consumer groups join in parallel: on Kafka each join takes seconds.
  const settled = await Promise.allSettled(starting)
  for (const r of settled) if (r.status === 'fulfilled') subs.push(r.value)
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  try {
    if (failed) throw failed.reason
    const app = createGateway({ config: rt.config, db: rt.db, transport: rt.transport, log: rt.log, health: rt.health, publicRoutes: roles.includes('gateway') })
    server = await listen(app, rt.config.http.port, rt.config.http.host)
    metricsServer = await listen(metricsApp(), rt.config.http.metricsPort, rt.config.http.host)
    if (roles.includes('gateway')) consoleSignIn = await consoleOnFirstStart(rt, server)
  } catch (err) {
    await Promise.all(subs.map((s) => s.stop().catch(() => undefined)))
    server?.close()
    metricsServer?.close()
    throw err
  }
  rt.health.started()
  // A read model's lag (fte_projection_lag_events) is its projection group's, from the same read.
  const consumerLag = sampleConsumerLag(rt.transport, subs, rt.log, {
    onGroup: (group, positions) => {
      const readModel = readModelOfGroup(group)
      if (readModel) metrics.projectionLag.set({ read_model: readModel }, positions.reduce((n, p) => n + p.lag, 0))
    },
  })
  return {
    url: urlOf(server),
    metricsUrl: urlOf(metricsServer),
    consoleSignIn,
    async close() {
      // Intake stops first: no new connections; requests in flight finish (their publish is
      // what the customer's 202 promises), idle keep-alive sockets are closed so close() can
      // return, and whatever is still open after a few seconds is cut.
      await Promise.all([server, metricsServer].map(async (s) => {
        if (!s) return
        const closed = new Promise((r) => s.close(() => r(undefined)))
        s.closeIdleConnections()
        const cut = setTimeout(() => s.closeAllConnections(), 5_000)
        await closed
        clearTimeout(cut)
      }))
      consumerLag()
      await Promise.all(subs.map((s) => s.stop().catch(() => undefined)))
    },
  }
}

/**
 * A new install has nobody who can sign in to the console: make the first admin and print a
 * one-time link for them, once (Jupyter-style). Later starts print at most how to get a link.
 * Printed for whoever started the server, not put in the JSON log with everything else.
 */
async function consoleOnFirstStart(rt: Runtime, server: Server): Promise<string | null> {
  const base = consoleBaseUrl(rt.config, (server.address() as AddressInfo).port)
  const link = await firstStartSignIn(rt.db, base)
  if (rt.config.logLevel !== 'silent') {
    if (link) console.log(`Console: ${link}`)
    else if (process.stdout.isTTY) console.log(`Console: ${base}/console (a one-time sign-in link: npm run fte -- staff link <email>)`)
  }
  return link
}

function listen(app: Koa, port: number, host: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s))
    s.once('error', reject)
  })
}

function urlOf(server: Server | undefined): string | null {
  const address = server?.address() as AddressInfo | null | undefined
  if (!address) return null
  return `http://${address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address}:${address.port}`
}

/** Publishes the demo knowledge base. Safe to repeat: same ids, and older versions never win. */
export async function seedKnowledge(rt: Runtime): Promise<number> {
  const now = Date.now()
  await rt.transport.publish(
    ARTICLES.map((a) => {
      const value: KnowledgeArticlePublished = {
        event_id: stableId('article', a.article_id, String(a.version)),
        occurred_at: now,
        article_id: a.article_id,
        version: a.version,
        title: a.title,
        category: a.category,
        body: a.body,
        source: 'dossier',
        questions: a.questions,
      }
      return { topic: Topics.knowledgeArticles, key: a.article_id, value }
    }),
  )
  return ARTICLES.length
}
