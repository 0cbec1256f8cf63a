/**
 * The OpenAI path through the official `openai` client, against a local stand-in that speaks the
 * Chat Completions and Embeddings wire format: grounded structured answers, fallback to the
 * offline responder on errors, guardrails on model output, and re-embedding on a model change.
 */
import { startSeeded } from '../../testing/seeded.js'
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import { startRoles, ROLES, type Running } from '../../bin/roles.js'
import { eventually, testConfig, testLog } from '../../testing/stack.js'
import { startOpenAiStandIn, type OpenAiStandIn } from '../../testing/standIns/openAi.js'
import { MINILM } from '../../platform/embedding/modelFiles.js'

describe('OpenAI generation and embeddings (official client, local stand-in)', () => {
  let standIn: OpenAiStandIn
  let rt: Runtime
  let app: Running
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fte-openai-'))
  const openai = () => ({ OPENAI_API_KEY: 'sk-test-standin', OPENAI_BASE_URL: standIn.baseUrl, OPENAI_TIMEOUT_MS: '1500' })

  before(async () => {
    standIn = await startOpenAiStandIn()
    rt = await openRuntime(testConfig({ FTE_DATA_DIR: dataDir, ...openai() }), testLog())
    app = await startSeeded(rt)
  })
  after(async () => {
    await app?.close()
    await rt?.close()
    await standIn?.close()
  })

  async function ask(message: string) {
    const res = await fetch(`${app.url}/support/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', email: 'ada@example.com', subject: 'Help', category: 'technical', message }),
    })
    const { ticket_id } = (await res.json()) as { ticket_id: string }
    return eventually(async () => {
      const v = (await (await fetch(`${app.url}/support/ticket/${ticket_id}`)).json()) as { messages: { direction: string; content: string }[] }
      return v.messages.find((m) => m.direction === 'outbound')?.content ?? null
    }, { what: 'the reply' })
  }

  it('embeds the knowledge base with text-embedding-3-small', async () => {
    const models = (await rt.db.query<{ m: string }>('SELECT DISTINCT embedding_model AS m FROM knowledge_base')).rows.map((r) => r.m)
    assert.deepEqual(models, ['text-embedding-3-small'])
    const embedCall = standIn.requests.find((r) => r.path === '/v1/embeddings')!
    assert.equal(embedCall.body.model, 'text-embedding-3-small')
    assert.equal(embedCall.authorization, 'Bearer sk-test-standin')
  })

  it('answers with a structured, grounded completion in the channel style', async () => {
    standIn.mode = 'answer'
    const before = standIn.requests.length
    const reply = await ask('I forgot my password and cannot log in')
    assert.match(reply, /^Hi Ada,\n\nAccording to our guide: /)
    const call = standIn.requests.slice(before).find((r) => r.path === '/v1/chat/completions')!
    assert.equal(call.body.model, 'gpt-4o-mini')
    assert.equal(call.body.response_format.type, 'json_schema')
    const system = call.body.messages[0].content as string
    assert.match(system, /Answer ONLY from the knowledge-base passages/)
    assert.match(system, /Never mention or compare competitors/)
    // The company comes from the profile the composition root hands in (demo/company.json here).
    assert.match(system, /customer support agent of Nimbus Tasks\./)
    assert.match(system, /Voice: friendly, clear, no jargon, no over-promising\./)
    assert.match(system, /Style: semi-formal and clear/)
    assert.match(call.body.messages[1].content, /\[kb-reset-password\]/)
  })

  it('falls back to the offline responder when OpenAI fails, times out or answers nonsense', async () => {
    for (const mode of ['fail', 'slow', 'garbage'] as const) {
      standIn.mode = mode
      const reply = await ask('I forgot my password and cannot log in')
      assert.doesNotMatch(reply, /According to our guide/, mode)
      assert.match(reply, /Forgot password/, `${mode}: the offline answer from the passage`)
    }
  })

  it('removes competitor talk from a model answer', async () => {
    standIn.mode = 'competitor'
    const reply = await ask('How do I export my project to CSV?')
    assert.match(reply, /According to our guide|Export/)
    assert.doesNotMatch(reply, /Trello/)
  })

  it('re-embeds the knowledge base when the embedding model changes', async () => {
    await app.close()
    await rt.close()
    rt = await openRuntime(testConfig({ FTE_DATA_DIR: dataDir }), testLog())
    app = await startRoles(rt, ROLES)
    const models = (await rt.db.query<{ m: string }>('SELECT DISTINCT embedding_model AS m FROM knowledge_base')).rows.map((r) => r.m)
    assert.deepEqual(models, [MINILM.id])
  })
})
