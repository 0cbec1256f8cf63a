import client from 'prom-client'

/** Prometheus metrics, one registry per process, served at GET /metrics. */
export const registry = new client.Registry()
client.collectDefaultMetrics({ register: registry })
// prom-client also exports these gauges under a _total name, which Prometheus reserves for
// counters (promtool flags them); the same values stay under nodejs_active_handles and the like.
for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name)

export const metrics = {
  eventsHandled: new client.Counter({
    name: 'fte_events_handled_total',
    help: 'Events consumed, by consumer group, topic and outcome (ok once handled and committed | error per failed attempt)',
    labelNames: ['group', 'topic', 'outcome'] as const,
    registers: [registry],
  }),
  handlerSeconds: new client.Histogram({
    name: 'fte_handler_duration_seconds',
    help: 'Time to handle one event, by consumer group',
    labelNames: ['group'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  }),
  deadLetters: new client.Counter({
    name: 'fte_dead_letters_total',
    help: 'Events sent to the DLQ, by consumer group and source topic',
    labelNames: ['group', 'topic'] as const,
    registers: [registry],
  }),
  eventsPublished: new client.Counter({
    name: 'fte_events_published_total',
    help: 'Events published, by topic',
    labelNames: ['topic'] as const,
    registers: [registry],
  }),
  replyLatency: new client.Histogram({
    name: 'fte_reply_latency_seconds',
    help: 'Message received to reply sent, by channel',
    labelNames: ['channel'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30],
    registers: [registry],
  }),
  httpRequests: new client.Counter({
    name: 'fte_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  }),
  projectionLag: new client.Gauge({
    name: 'fte_projection_lag_events',
    help: 'Events on its topics a read model has not applied yet (read every 15 s by the projections role)',
    labelNames: ['read_model'] as const,
    registers: [registry],
  }),
  stalledPartitions: new client.Gauge({
    name: 'fte_stalled_partitions',
    help: 'Partitions whose current event waits on a transient fault (database, broker, registry or provider away), by consumer group',
    labelNames: ['group'] as const,
    registers: [registry],
  }),
  transientRetries: new client.Counter({
    name: 'fte_transient_retries_total',
    help: 'Retries of an event after a transient fault, by consumer group (never dead-lettered for it)',
    labelNames: ['group'] as const,
    registers: [registry],
  }),
  consumerLag: new client.Gauge({
    name: 'fte_consumer_lag_events',
    help: 'Events on a partition its consumer group has not finished yet, by group, topic and partition (sampled every 15 s by the process running the group)',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers: [registry],
  }),
  escalations: new client.Counter({
    name: 'fte_escalations_total',
    help: 'Tickets the agent handed to a person, by reason and channel',
    labelNames: ['reason', 'channel'] as const,
    registers: [registry],
  }),
  openAiTokens: new client.Counter({
    name: 'fte_openai_tokens_total',
    help: 'Tokens OpenAI billed, by model and kind (prompt | completion), as its responses report them',
    labelNames: ['model', 'kind'] as const,
    registers: [registry],
  }),
  dbStatements: new client.Counter({
    name: 'fte_db_statements_total',
    help: 'Statements this process sent to Postgres, BEGIN, COMMIT and ROLLBACK included, each a round trip (the embedded database is not counted)',
    registers: [registry],
  }),
  kafkaRequests: new client.Counter({
    name: 'fte_kafka_requests_total',
    help: 'Requests this process sent to Kafka, by API (Produce, Fetch, OffsetCommit, Heartbeat, ...)',
    labelNames: ['api'] as const,
    registers: [registry],
  }),
  breakerOpen: new client.Gauge({
    name: 'fte_breaker_open',
    help: 'Whether a channel\'s circuit breaker is open (1) or half-open/closed (0)',
    labelNames: ['channel'] as const,
    registers: [registry],
  }),
}

/** Counts the tokens an OpenAI response reports (chat completions and embeddings both carry usage). */
export function countOpenAiTokens(model: string, usage: { prompt_tokens?: number; completion_tokens?: number } | undefined): void {
  if (usage?.prompt_tokens) metrics.openAiTokens.inc({ model, kind: 'prompt' }, usage.prompt_tokens)
  if (usage?.completion_tokens) metrics.openAiTokens.inc({ model, kind: 'completion' }, usage.completion_tokens)
}
