import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { avroCodec, localSchemaStore } from '../codec.js'
import { pgliteDb, type Db } from '../db.js'
import { migrate } from '../migrate.js'
import { embeddedTransport } from './embedded.js'
import { contractPolicy, transportContract } from '../../testing/transportContract.js'
import { testLog, uniqueName } from '../../testing/stack.js'

transportContract('embedded', undefined, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fte-contract-'))
  let db: Db = await pgliteDb(dir)
  await migrate(db)
  return {
    transport: (prefix = uniqueName('t') + '.', health) =>
      embeddedTransport({ db, codec: avroCodec(localSchemaStore(db), (t) => prefix + t), policy: contractPolicy, log: testLog(), topicPrefix: prefix, pollIntervalMs: 50, health }),
    async restart() {
      await db.close()
      db = await pgliteDb(dir)
    },
    close: () => db.close(),
  }
})
