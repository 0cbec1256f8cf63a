import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { KnowledgeHit } from '../../schemas/index.js'
import { guardrailsFor } from './guardrails.js'
import { demoCompany } from '../../testing/company.js'

const applyGuardrails = guardrailsFor(demoCompany())

const hit: KnowledgeHit = {
  article_id: 'kb-export', chunk_id: 'kb-export#0', title: 'Export', score: 1,
  content: 'Open the project, click the three-dot menu and choose Export. Questions? Write to privacy@nimbustasks.example.',
}
const ctx = { hits: [hit], customerIdentifiers: [{ kind: 'email' as const, value: 'ada@example.com' }, { kind: 'phone' as const, value: '+14155550100' }] }

describe('guardrails', () => {
  it('removes talk about competitors', () => {
    const r = applyGuardrails('Open the project and choose Export. Unlike Asana, our export includes comments.', ctx)
    assert.equal(r.text, 'Open the project and choose Export.')
    assert.deepEqual(r.violations, ['competitor'])
  })
  it('removes promises the knowledge base does not make', () => {
    const r = applyGuardrails('Choose Export. We will add PDF export in the next release.', ctx)
    assert.equal(r.text, 'Choose Export.')
    assert.deepEqual(r.violations, ['undocumented_promise'])
  })
  it('removes internal details', () => {
    const r = applyGuardrails('Choose Export. I have left an internal note for Tier 2.', ctx)
    assert.equal(r.text, 'Choose Export.')
    assert.deepEqual(r.violations, ['internal_detail'])
  })
  it("removes another customer's contact data but keeps the customer's own and documented addresses", () => {
    const r = applyGuardrails(
      'We will reply to ada@example.com. Your colleague bob@other.example called from +1 415 555 0199. Write to privacy@nimbustasks.example.',
      ctx,
    )
    assert.equal(r.text, 'We will reply to ada@example.com. Write to privacy@nimbustasks.example.')
    assert.deepEqual(r.violations, ['other_customer_data'])
  })
  it('leaves a clean answer untouched', () => {
    const text = 'Open the project, click the three-dot menu and choose Export.'
    assert.deepEqual(applyGuardrails(text, ctx), { text, violations: [] })
  })
})
