/**
 * Renders k8s/fte.yaml, the production manifests: one API Deployment (gateway role, HPA 3-20)
 * and one Deployment per pipeline role (HPA 3-30), all at 70 % CPU, rolling updates 25 % surge /
 * 25 % unavailable, a PodDisruptionBudget each (a drain takes one pod at a time), liveness probes
 * on /health, startup and readiness probes on /ready. The roles share one image and differ only
 * in their argument, so they are generated rather than copied by hand.
 *
 *   npx tsx k8s/render.ts > k8s/fte.yaml      (k8s/manifests.unit.spec.ts checks it is current)
 */
import { stringify } from 'yaml'
import { Topics, type Topic } from '../schemas/index.js'
import { topicConfig } from '../platform/transport/retention.js'

export const NAMESPACE = 'fte'
export const IMAGE = 'ghcr.io/example/customer-success-fte:latest'

const labels = (component: string) => ({ 'app.kubernetes.io/name': 'fte', 'app.kubernetes.io/component': component })

function deployment(name: string, role: string, opts: { minReplicas: number; maxReplicas: number; cpu: string; memory: string; service?: boolean }) {
  const probe = (path: string, period: number, failures: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds: period,
    failureThreshold: failures,
    timeoutSeconds: 2,
  })
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: NAMESPACE, labels: labels(name) },
      spec: {
        replicas: opts.minReplicas,
        selector: { matchLabels: labels(name) },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: {
          metadata: { labels: labels(name), annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9464', 'prometheus.io/path': '/metrics' } },
          spec: {
            terminationGracePeriodSeconds: 30,
            containers: [
              {
                name: 'fte',
                image: IMAGE,
                args: [role],
                // /metrics has its own port, which no Service or ingress exposes: Prometheus scrapes pods.
                ports: [{ name: 'http', containerPort: 3000 }, { name: 'metrics', containerPort: 9464 }],
                envFrom: [{ configMapRef: { name: 'fte-config' } }, { secretRef: { name: 'fte-secrets' } }],
                // The CPU limit keeps one pod's embedding burst (a re-embed, a rebuild) off its neighbours;
                // the HPA scales on requests, so the limit leaves headroom above them.
                resources: { requests: { cpu: opts.cpu, memory: opts.memory }, limits: { cpu: CPU_LIMIT, memory: opts.memory } },
                // Startup includes migrations and consumer-group joins: give it time before liveness counts.
                // Started means migrated, topics and schemas ready, consumer groups joined.
                startupProbe: probe('/ready', 5, 24),
                readinessProbe: probe('/ready', 5, 3),
                livenessProbe: probe('/health', 10, 3),
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name, namespace: NAMESPACE, labels: labels(name) },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: opts.minReplicas,
        maxReplicas: opts.maxReplicas,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      },
    },
    {
      // A node drain or cluster upgrade evicts one pod of a role at a time: the others keep its
      // partitions moving (a consumer group rebalances around the missing member).
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, namespace: NAMESPACE, labels: labels(name) },
      spec: { maxUnavailable: 1, selector: { matchLabels: labels(name) } },
    },
    ...(opts.service
      ? [
          {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name, namespace: NAMESPACE, labels: labels(name) },
            spec: { selector: labels(name), ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
          },
        ]
      : []),
  ]
}

const CPU_LIMIT = '1'
/** The most pods any one consumer group can have (the worker HPAs' maximum). */
export const WORKER_MAX_REPLICAS = 30
/**
 * A consumer group uses at most one pod per partition: with fewer partitions than the HPA's
 * maximum, the pods above that count would sit idle while the CPU target keeps adding them.
 */
export const TOPIC_PARTITIONS = WORKER_MAX_REPLICAS
/** The Strimzi Kafka cluster the topics belong to (its `strimzi.io/cluster` label). */
export const KAFKA_CLUSTER = 'kafka'

/**
 * Every topic as a Strimzi KafkaTopic, with the retention platform/transport/retention.ts
 * declares (the app creates the same settings where it creates a topic itself).
 */
function kafkaTopic(topic: Topic) {
  // Kafka config values are strings to the app and numbers where Strimzi has a number type.
  const config = Object.fromEntries(Object.entries(topicConfig(topic)).map(([k, v]) => [k, /^-?\d+$/.test(v) ? Number(v) : v]))
  return {
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'KafkaTopic',
    metadata: { name: topic, namespace: NAMESPACE, labels: { 'strimzi.io/cluster': KAFKA_CLUSTER } },
    spec: { topicName: topic, partitions: TOPIC_PARTITIONS, replicas: 3, config: { ...config, 'min.insync.replicas': 2 } },
  }
}

export function manifests(): object[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'fte-config', namespace: NAMESPACE },
      data: {
        KAFKA_BROKERS: 'kafka-0.kafka:9092,kafka-1.kafka:9092,kafka-2.kafka:9092',
        SCHEMA_REGISTRY_URL: 'http://schema-registry:8081',
        FTE_TOPIC_PARTITIONS: String(TOPIC_PARTITIONS),
        PUBLIC_BASE_URL: 'https://support.example.com',
        FTE_CORS_ORIGINS: 'https://www.example.com',
        LOG_LEVEL: 'info',
        // /ready answers 503 for 5 s before intake stops; the whole shutdown stays inside the 30 s grace period.
        FTE_DRAIN_DELAY_MS: '5000',
        FTE_SHUTDOWN_TIMEOUT_MS: '20000',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'fte-secrets', namespace: NAMESPACE },
      type: 'Opaque',
      // Placeholders: create the real secret out of band (kubectl create secret generic fte-secrets ...),
      // adding the TWILIO_* and GMAIL_* variables (README "Configuration") for the channels you connect.
      stringData: { DATABASE_URL: 'postgres://fte:CHANGE_ME@postgres:5432/fte', FTE_TICKET_SECRET: 'CHANGE_ME_TO_32_RANDOM_CHARACTERS' },
    },
    ...Object.values(Topics).map(kafkaTopic),
    ...deployment('fte-api', 'gateway', { minReplicas: 3, maxReplicas: 20, cpu: '250m', memory: '384Mi', service: true }),
    ...(['identity', 'retrieval', 'decision', 'dispatch', 'projections'] as const).flatMap((role) =>
      deployment(`fte-${role}`, role, { minReplicas: 3, maxReplicas: WORKER_MAX_REPLICAS, cpu: '200m', memory: '384Mi' }),
    ),
  ]
}

export const render = () =>
  `# Generated by k8s/render.ts - edit that file, then: npx tsx k8s/render.ts > k8s/fte.yaml\n` +
  manifests().map((m) => stringify(m)).join('---\n')

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) process.stdout.write(render())
