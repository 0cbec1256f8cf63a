import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parseAllDocuments } from 'yaml'
import { Deployment } from 'kubernetes-models/apps/v1/Deployment'
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler'
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget'
import { Service, ConfigMap, Secret, Namespace } from 'kubernetes-models/v1'
import { render } from './render.js'
import { Topics } from '../schemas/index.js'
import { TOPIC_RETENTION } from '../platform/transport/retention.js'

/** Strimzi's KafkaTopic (a CRD kubernetes-models does not know): the fields Strimzi requires and ours. */
class KafkaTopic {
  constructor(readonly doc: any) {}
  validate() {
    const d = this.doc
    assert.equal(d.apiVersion, 'kafka.strimzi.io/v1beta2')
    assert.match(d.metadata.name, /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a DNS-1123 subdomain')
    assert.ok(d.metadata.labels['strimzi.io/cluster'], 'names its Kafka cluster')
    assert.ok(Number.isInteger(d.spec.partitions) && d.spec.partitions > 0, 'a positive partition count')
    assert.ok(Number.isInteger(d.spec.replicas) && d.spec.replicas > 0, 'a positive replica count')
    for (const [k, v] of Object.entries(d.spec.config)) assert.ok(['string', 'number', 'boolean'].includes(typeof v), k)
  }
}

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  Deployment, HorizontalPodAutoscaler, PodDisruptionBudget, Service, ConfigMap, Secret, Namespace, KafkaTopic,
}
const docs = () => parseAllDocuments(readFileSync(new URL('./fte.yaml', import.meta.url), 'utf8')).map((d) => d.toJSON())

describe('k8s manifests', () => {
  it('are current with k8s/render.ts', () => {
    assert.equal(readFileSync(new URL('./fte.yaml', import.meta.url), 'utf8'), render())
  })

  it('validate against the Kubernetes OpenAPI schemas', () => {
    for (const doc of docs()) {
      const Model = MODELS[doc.kind]
      assert.ok(Model, `no validator for ${doc.kind}`)
      assert.doesNotThrow(() => new Model(doc).validate(), `${doc.kind}/${doc.metadata.name}`)
    }
  })

  it('declare every topic with the retention the app gives it: full history, for rebuilds', () => {
    const topics = docs().filter((d) => d.kind === 'KafkaTopic')
    assert.deepEqual(topics.map((t) => t.spec.topicName).sort(), Object.values(Topics).sort())
    for (const t of topics) {
      assert.equal(TOPIC_RETENTION[t.spec.topicName as keyof typeof TOPIC_RETENTION].keep, 'forever')
      assert.equal(t.spec.config['retention.ms'], -1, t.spec.topicName)
      assert.equal(t.spec.config['retention.bytes'], -1, t.spec.topicName)
    }
  })

  it('scale the API 3-20 and every worker 3-30 at 70 % CPU, with probes and 25 % rolling updates', () => {
    const all = docs()
    const hpas = all.filter((d) => d.kind === 'HorizontalPodAutoscaler')
    const deployments = all.filter((d) => d.kind === 'Deployment')
    assert.deepEqual(deployments.map((d) => d.spec.template.spec.containers[0].args[0]).sort(), ['decision', 'dispatch', 'gateway', 'identity', 'projections', 'retrieval'])
    for (const h of hpas) {
      const api = h.metadata.name === 'fte-api'
      assert.deepEqual([h.spec.minReplicas, h.spec.maxReplicas], api ? [3, 20] : [3, 30], h.metadata.name)
      assert.equal(h.spec.metrics[0].resource.target.averageUtilization, 70)
    }
    for (const d of deployments) {
      assert.deepEqual(d.spec.strategy.rollingUpdate, { maxSurge: '25%', maxUnavailable: '25%' })
      const c = d.spec.template.spec.containers[0]
      assert.equal(c.livenessProbe.httpGet.path, '/health')
      assert.equal(c.readinessProbe.httpGet.path, '/ready')
      assert.equal(c.startupProbe.httpGet.path, '/ready')
    }
  })

  it('give every topic at least as many partitions as the largest group that consumes it can have pods', () => {
    const all = docs()
    const most = Math.max(...all.filter((d) => d.kind === 'HorizontalPodAutoscaler' && d.metadata.name !== 'fte-api').map((h) => h.spec.maxReplicas))
    for (const t of all.filter((d) => d.kind === 'KafkaTopic')) assert.ok(t.spec.partitions >= most, `${t.spec.topicName}: ${t.spec.partitions} partitions for up to ${most} pods`)
    assert.equal(all.find((d) => d.kind === 'ConfigMap').data.FTE_TOPIC_PARTITIONS, String(most), 'topics the app creates itself get the same count')
  })

  it('budget disruptions to one pod per role, and give every container CPU and memory requests and limits', () => {
    const all = docs()
    const deployments = all.filter((d) => d.kind === 'Deployment')
    const budgets = all.filter((d) => d.kind === 'PodDisruptionBudget')
    for (const d of deployments) {
      const pdb = budgets.find((b) => JSON.stringify(b.spec.selector.matchLabels) === JSON.stringify(d.spec.template.metadata.labels))
      assert.ok(pdb, `a PodDisruptionBudget selects ${d.metadata.name}'s pods`)
      assert.equal(pdb.spec.maxUnavailable, 1, d.metadata.name)
      const r = d.spec.template.spec.containers[0].resources
      for (const k of ['cpu', 'memory']) {
        assert.ok(r.requests[k], `${d.metadata.name} requests ${k}`)
        assert.ok(r.limits[k], `${d.metadata.name} limits ${k}`)
      }
    }
    assert.equal(budgets.length, deployments.length)
  })
})
