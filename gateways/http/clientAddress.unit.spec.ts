import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Koa from 'koa'
import { proxyOptions } from './clientAddress.js'

// The client address behind our proxies: a client cannot pick its own by sending X-Forwarded-For.
async function ipSeen(hops: number, forwardedFor: string): Promise<string> {
  const app = new Koa(proxyOptions(hops))
  app.use((ctx) => void (ctx.body = ctx.ip))
  const server = http.createServer(app.callback())
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  try {
    return await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: { 'x-forwarded-for': forwardedFor } })).text()
  } finally {
    server.close()
  }
}

describe('client address', () => {
  it('takes the entry our one proxy appended, not what the client wrote before it', async () => {
    assert.equal(await ipSeen(1, '6.6.6.6, 198.51.100.7'), '198.51.100.7')
  })
  it('ignores X-Forwarded-For entirely with no trusted proxy', async () => {
    assert.equal(await ipSeen(0, '6.6.6.6'), '127.0.0.1')
  })
})
