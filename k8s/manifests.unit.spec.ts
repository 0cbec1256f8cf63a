import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parseAllDocuments } from 'yaml'
import { Deployment } from 'kubernetes-models/apps/v1/Deployment'
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler'
import { Service, ConfigMap, Secret, Namespace } from 'kubernetes-models/v1'
import { render } from './render.js'

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  Deployment, HorizontalPodAutoscaler, Service, ConfigMap, Secret, Namespace,
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
      assert.equal(c.readinessProbe.httpGet.path, '/health')
    }
  })
})
