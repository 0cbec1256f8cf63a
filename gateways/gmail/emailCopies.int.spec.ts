import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pgliteDb, type Db } from '../../platform/db.js'
import { migrate } from '../../platform/migrate.js'
import { emailCopyAllowance, EMAIL_COPY_WINDOW_MS } from './emailCopies.js'

describe('email copies per recipient (embedded database)', () => {
  let db: Db
  before(async () => {
    db = await pgliteDb(mkdtempSync(path.join(tmpdir(), 'fte-copies-')))
    await migrate(db)
  })
  after(async () => db?.close())

  it('allows a few copies a day to one address, keeps a retried reply allowed, and counts addresses apart', async () => {
    let t = Date.parse('2026-12-01T08:00:00Z')
    const may = emailCopyAllowance(db, 2, () => t)
    assert.equal(await may('Victim@Example.com', 'r1'), true)
    assert.equal(await may('victim@example.com', 'r2'), true)
    assert.equal(await may('victim@example.com', 'r3'), false, 'a stranger cannot use the form to mail one address over and over')
    assert.equal(await may('victim@example.com', 'r1'), true, 'a retried send of a counted reply still goes')
    assert.equal(await may('other@example.com', 'r4'), true)
    t += EMAIL_COPY_WINDOW_MS + 1
    assert.equal(await may('victim@example.com', 'r5'), true, 'the next day it may get copies again')
  })
})
