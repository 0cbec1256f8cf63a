/**
 * Learning from resolved tickets on the real embedded stack: a person resolves with a reusable
 * answer, it waits as a candidate (never used in an answer), an admin approves it, it becomes an
 * article embedded like the others, and the next customer asking the same thing in other words
 * is answered from it. Roles, near-duplicates, rejection and bad input too; then the console's
 * review page in Chromium (screenshot: /tmp/fte-knowledge-review.png).
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openRuntime, type Runtime } from '../../platform/runtime.js'
import type { Running } from '../../bin/roles.js'
import { startSeeded } from '../../testing/seeded.js'
import { eventually, testConfig, testLog } from '../../testing/stack.js'
import { staffMember } from '../../testing/staff.js'
import { consolePageAs, noChromium, sharedChromium, waitForText } from '../../testing/browser.js'

type Json = Record<string, any>
type Who = { headers: Record<string, string> } | null

const LOGO_ANSWER = {
  title: 'Putting your company logo on the workspace',
  body: 'Workspace owners can upload a company logo under Settings > Workspace > Branding. Use a PNG or SVG file of up to 2 MB; it replaces the Nimbus logo in the sidebar and on invitations for everyone in the workspace.',
}

describe('knowledge from resolved tickets', () => {
  let rt: Runtime
  let app: Running
  let admin: Awaited<ReturnType<typeof staffMember>>
  let agent: Awaited<ReturnType<typeof staffMember>>
  let analyst: Awaited<ReturnType<typeof staffMember>>
  before(async () => {
    rt = await openRuntime(testConfig({ FTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fte-knowledge-')) }), testLog())
    app = await startSeeded(rt)
    admin = await staffMember(rt.db, 'admin', 'Ada Admin')
    agent = await staffMember(rt.db, 'agent', 'Maria Lopez')
    analyst = await staffMember(rt.db, 'analyst', 'Ana Lyst')
  })
  after(async () => {
    await app?.close()
    await rt?.close()
  })

  const call = async (p: string, as: Who, body?: unknown) => {
    const res = await fetch(`${app.url}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...(as?.headers ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Json }
  }
  /** A web-form question, settled: answered or handed over. */
  const ask = async (name: string, email: string, message: string) => {
    const r = await call('/support/submit', null, { name, email, subject: 'Workspace question', category: 'general', message })
    assert.equal(r.status, 202, JSON.stringify(r.body))
    const id = r.body.ticket_id as string
    await eventually(async () => ((await call(`/api/tickets/${id}`, agent)).body.history as Json[] | undefined)?.some((m) => m.direction === 'outbound'), {
      what: `a reply on ${id}`, timeoutMs: 30_000,
    })
    return id
  }
  const replies = async (id: string) =>
    ((await call(`/api/tickets/${id}`, agent)).body.history as Json[]).filter((m) => m.direction === 'outbound' && m.ticket_id === id).map((m) => m.content as string)
  const candidate = (id: string) => eventually(async () => {
    const r = await call(`/api/knowledge/candidates/${id}`, agent)
    return r.status === 200 ? r.body : null
  }, { what: `candidate ${id}` })

  let logo: Json
  let logoAgain: Json

  it('keeps the review to agents and admins, and the decisions to admins', async () => {
    assert.equal((await call('/api/knowledge/candidates', null)).status, 401)
    assert.equal((await call('/api/knowledge/candidates', analyst)).status, 403)
    assert.equal((await call('/api/knowledge/candidates', agent)).status, 200)
    const some = '00000000-0000-4000-8000-000000000000'
    for (const who of [agent, analyst]) {
      assert.equal((await call(`/api/knowledge/candidates/${some}/approve`, who, {})).status, 403)
      assert.equal((await call(`/api/knowledge/candidates/${some}/reject`, who, {})).status, 403)
    }
    assert.equal((await call(`/api/knowledge/candidates/${some}/approve`, admin, {})).status, 404)
    assert.equal((await call('/api/knowledge/candidates/not-an-id/approve', admin, {})).status, 404)
    const bad = await call('/api/knowledge/candidates?state=maybe', agent)
    assert.equal(bad.status, 400)
    assert.deepEqual(bad.body.details.map((d: Json) => d.field), ['state'])
  })

  it('a reusable answer waits as a candidate and is never used while pending', async () => {
    const first = await ask('Ola Nord', 'ola@example.com', 'Can we replace the Nimbus logo in the sidebar with our own company logo?')
    const resolved = await call(`/api/tickets/${first}/resolve`, agent, { reply: 'Yes: Settings > Workspace > Branding.', reusable_answer: LOGO_ANSWER })
    assert.equal(resolved.status, 202)
    logo = await candidate(resolved.body.candidate_id)
    assert.equal(logo.state, 'pending')
    assert.equal(logo.title, LOGO_ANSWER.title)
    assert.equal(logo.ticket.ticket_id, first)
    assert.deepEqual(logo.proposed_by, { email: agent.email, name: 'Maria Lopez' })
    assert.equal(logo.near_duplicate, null, `nothing in the dossier is about logos: ${JSON.stringify(logo.nearest_article)}`)
    assert.ok((await call('/api/knowledge/candidates', agent)).body.candidates.some((c: Json) => c.candidate_id === logo.candidate_id))

    const meanwhile = await ask('Pia Sun', 'pia@example.com', 'How do I upload our brand logo so it shows in the workspace sidebar?')
    assert.ok((await replies(meanwhile)).every((r) => !/Branding/.test(r)), 'a pending candidate is not an answer')
    const inKb = await rt.db.query('SELECT 1 FROM knowledge_base WHERE content LIKE $1', ['%Branding%'])
    assert.equal(inKb.rows.length, 0)
  })

  it('an approved candidate becomes an article linked to its ticket, and the next customer is answered from it', async () => {
    const approved = await call(`/api/knowledge/candidates/${logo.candidate_id}/approve`, admin, {})
    assert.equal(approved.status, 202)
    const articleId = approved.body.article_id as string
    const rows = await eventually(async () => {
      const r = await rt.db.query<Json>('SELECT article_id, source, source_ticket_id, candidate_id, title FROM knowledge_base WHERE article_id = $1', [articleId])
      return r.rows.length ? r.rows : null
    }, { what: 'the article embedded' })
    assert.deepEqual(rows[0], { article_id: articleId, source: 'resolved_ticket', source_ticket_id: logo.ticket.ticket_id, candidate_id: logo.candidate_id, title: LOGO_ANSWER.title })
    const decided = await eventually(async () => {
      const c = await candidate(logo.candidate_id)
      return c.state === 'approved' ? c : null
    }, { what: 'the candidate approved' })
    assert.deepEqual(decided.decided_by, { email: admin.email, name: 'Ada Admin' })
    assert.equal(decided.article_id, articleId)
    assert.equal(decided.near_duplicate, null, 'the article it became is not its duplicate')
    assert.equal((await call(`/api/knowledge/candidates/${logo.candidate_id}/approve`, admin, {})).status, 409)
    assert.equal((await call(`/api/knowledge/candidates/${logo.candidate_id}/reject`, admin, {})).status, 409)

    const next = await ask('Rui Lima', 'rui@example.com', 'Where do I set a custom logo for our team workspace instead of the default one?')
    const answer = (await replies(next)).join('\n')
    assert.match(answer, /Branding/, answer)
  })

  it('flags a candidate that nearly repeats an article or another candidate; a rejected one never reaches the knowledge base', async () => {
    const t1 = await ask('Sam Ode', 'sam@example.com', 'I forgot my password, what now?')
    const r1 = await call(`/api/tickets/${t1}/resolve`, agent, {
      reusable_answer: {
        title: 'Resetting a forgotten password',
        body: 'If you forgot your password, click "Forgot password" on the sign-in page, enter your email address and open the reset link we send you. The link works for 60 minutes.',
      },
    })
    const t2 = await ask('Tom Vik', 'tom@example.com', 'Can our logo be shown instead of yours in the app?')
    const r2 = await call(`/api/tickets/${t2}/resolve`, agent, {
      reusable_answer: { title: 'Your own logo in the workspace', body: 'Owners can upload a company logo in Settings > Workspace > Branding (PNG or SVG, at most 2 MB). It shows in the sidebar and on invitations.' },
    })
    const password = await candidate(r1.body.candidate_id)
    assert.equal(password.near_duplicate?.kind, 'article')
    assert.equal(password.near_duplicate?.id, 'kb-reset-password')
    logoAgain = await candidate(r2.body.candidate_id)
    assert.ok(logoAgain.near_duplicate, 'the second logo answer repeats the first')
    assert.ok(
      [logo.candidate_id, `kb-ticket-`].some((id) => String(logoAgain.near_duplicate.id).startsWith(id)),
      JSON.stringify(logoAgain.near_duplicate),
    )

    const tooLong = await call(`/api/knowledge/candidates/${password.candidate_id}/approve`, admin, { title: '' })
    assert.equal(tooLong.status, 422)
    assert.deepEqual(tooLong.body.fields.map((f: Json) => f.field), ['title'])
    const rejected = await call(`/api/knowledge/candidates/${password.candidate_id}/reject`, admin, { note: 'The dossier article already says this.' })
    assert.equal(rejected.status, 202)
    const after = await eventually(async () => {
      const c = await candidate(password.candidate_id)
      return c.state === 'rejected' ? c : null
    }, { what: 'the candidate rejected' })
    assert.equal(after.decision_note, 'The dossier article already says this.')
    assert.equal((await call(`/api/knowledge/candidates/${password.candidate_id}/approve`, admin, {})).status, 409)
    await new Promise((r) => setTimeout(r, 500))
    assert.equal((await rt.db.query('SELECT 1 FROM knowledge_base WHERE candidate_id = $1', [password.candidate_id])).rows.length, 0)
    const listed = (await call('/api/knowledge/candidates?state=rejected', agent)).body.candidates as Json[]
    assert.deepEqual(listed.map((c) => c.candidate_id), [password.candidate_id])
  })

  describe('the review page, in Chromium', { skip: noChromium }, () => {
    const chromium = sharedChromium()
    const open = async (who: { token: string }) => {
      const { context, page, problems } = await consolePageAs(chromium(), `${app.url}/console/knowledge`, who.token)
      await waitForText(page.locator('h1'), /^Knowledge review$/, 'the review screen')
      return { context, page, problems }
    }

    it('an agent sees what waits, flagged duplicates included, and cannot decide', async () => {
      const { context, page, problems } = await open(agent)
      const card = page.locator('article.candidate', { hasText: 'Your own logo in the workspace' })
      await waitForText(card, /Possible duplicate.*Nearly the same as/, 'the duplicate flag')
      assert.equal(await page.getByRole('button', { name: 'Approve and publish' }).count(), 0)
      await waitForText(page.locator('main'), /Only an admin can approve or reject/, 'why there are no buttons')
      assert.deepEqual(problems, [])
      await context.close()
    })

    it('an admin approves from the page; the answer moves to the approved list', async () => {
      const { context, page, problems } = await open(admin)
      const card = page.locator('article.candidate', { hasText: 'Your own logo in the workspace' })
      await waitForText(card, /From ticket [0-9A-Z]{4}-[0-9A-Z]{4}, offered by Maria Lopez/, 'where it came from')
      await page.screenshot({ path: '/tmp/fte-knowledge-review.png', fullPage: true })
      await card.getByRole('button', { name: 'Approve and publish' }).click()
      await waitForText(page.locator('[data-live="status"]'), /^Approved: "Your own logo in the workspace" is now in the knowledge base\.$/, 'the approval confirmed', 15_000)
      assert.equal(await card.count(), 0, 'gone from the waiting list')
      await page.getByLabel('Show').selectOption('approved')
      await waitForText(page.locator('main'), /Your own logo in the workspace.*Approved by Ada Admin/, 'in the approved list')
      await eventually(async () => (await rt.db.query('SELECT 1 FROM knowledge_base WHERE candidate_id = $1', [logoAgain.candidate_id])).rows.length > 0, { what: 'its article' })
      assert.deepEqual(problems, [])
      await context.close()
    })
  })
})
