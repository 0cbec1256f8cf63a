import client from 'prom-client'

/** Prometheus metrics, one registry per process, served at GET /metrics. */
export const registry = new client.Registry()
client.collectDefaultMetrics({ register: registry })

export const metrics = {
  eventsHandled: new client.Counter({
    name: 'fte_events_handled_total',
    help: 'Events handled by consumer group, topic and outcome (ok | error per attempt)',
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
  breakerOpen: new client.Gauge({
    name: 'fte_breaker_open',
    help: 'Whether a channel\'s circuit breaker is open (1) or half-open/closed (0)',
    labelNames: ['channel'] as const,
    registers: [registry],
  }),
}
