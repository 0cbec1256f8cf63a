import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { coalescing, furthestPerPartition, mergeBatches } from './kafka.js'

const batch = (topic: string, ...keys: string[]) => [{ topic, messages: keys.map((key) => ({ key, value: Buffer.from(key) })) }]

describe('coalescing sends on one producer', () => {
  it('sends at once when idle, and merges what arrives meanwhile into the next request, in order', async () => {
    const requests: { topic: string; keys: (string | null)[] }[][] = []
    let release: () => void = () => undefined
    const send = coalescing(async (batches) => {
      requests.push(batches.map((b) => ({ topic: b.topic, keys: b.messages.map((m) => m.key) })))
      if (requests.length === 1) await new Promise<void>((r) => (release = r))
    }, mergeBatches)
    const first = send(batch('a', '1'))
    const later = [send(batch('a', '2')), send(batch('b', 'x')), send(batch('a', '3'))]
    assert.equal(requests.length, 1, 'the first send left alone, at once')
    release()
    await Promise.all([first, ...later])
    assert.deepEqual(requests, [
      [{ topic: 'a', keys: ['1'] }],
      [{ topic: 'a', keys: ['2', '3'] }, { topic: 'b', keys: ['x'] }],
    ])
  })

  it('with gatherTurn, sends what was asked in the same turn of the event loop as one request', async () => {
    const requests: (string | null)[][] = []
    const send = coalescing(async (batches) => void requests.push(batches.flatMap((b) => b.messages.map((m) => m.key))), mergeBatches, { gatherTurn: true })
    const sameTurn = [send(batch('a', '1')), send(batch('a', '2')), send(batch('a', '3'))]
    assert.equal(requests.length, 0, 'nothing leaves before the turn ends')
    await Promise.all(sameTurn)
    await send(batch('a', '4'))
    assert.deepEqual(requests, [['1', '2', '3'], ['4']], 'the three of one turn together, in order; a later one on its own')
  })

  it('fails only the caller whose events the broker refuses when a shared request fails', async () => {
    let release: () => void = () => undefined
    let calls = 0
    const send = coalescing(async (batches) => {
      calls++
      if (calls === 1) await new Promise<void>((r) => (release = r))
      if (batches.some((b) => b.messages.some((m) => m.key === 'bad'))) throw new Error('message too large')
    }, mergeBatches)
    const first = send(batch('a', '1'))
    const good = send(batch('a', '2'))
    const bad = send(batch('a', 'bad'))
    release()
    await first
    await good
    await assert.rejects(bad, /message too large/)
    assert.equal(calls, 4, 'the first, the shared one that failed, then each of its two callers alone')
  })

  it('commits gathered behind one in flight leave as one request, each partition at its furthest', async () => {
    const requests: { topic: string; partition: number; offset: string }[][] = []
    let release: () => void = () => undefined
    const commit = coalescing(async (positions: { topic: string; partition: number; offset: string }[]) => {
      requests.push(positions)
      if (requests.length === 1) await new Promise<void>((r) => (release = r))
    }, furthestPerPartition)
    const first = commit([{ topic: 'a', partition: 0, offset: '5' }])
    const later = [
      commit([{ topic: 'a', partition: 1, offset: '9' }]),
      commit([{ topic: 'a', partition: 0, offset: '10' }]),
      commit([{ topic: 'a', partition: 0, offset: '9' }]),
      commit([{ topic: 'b', partition: 0, offset: '3' }]),
    ]
    release()
    await Promise.all([first, ...later])
    assert.deepEqual(requests, [
      [{ topic: 'a', partition: 0, offset: '5' }],
      [{ topic: 'a', partition: 1, offset: '9' }, { topic: 'a', partition: 0, offset: '10' }, { topic: 'b', partition: 0, offset: '3' }],
    ], 'one request for the four that waited; partition a/0 at 10, not moved back to 9 (offsets compare as numbers: as strings 9 would win)')
  })
})
