/**
 * A TCP proxy in front of a real service (Postgres, in the fault specs) that a test can cut and
 * restore: cut() drops every open connection and refuses new ones (what clients see when the
 * database crash-stops); restore() lets them through again. The service itself is untouched, so
 * other specs sharing it are not disturbed.
 */
import net from 'node:net'
import type { AddressInfo } from 'node:net'

export interface FaultProxy {
  /** host:port clients should use instead of the target's. */
  address: string
  cut(): void
  restore(): void
  close(): Promise<void>
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let down = false
  const open = new Set<net.Socket>()
  const server = net.createServer((client) => {
    if (down) return client.destroy()
    const upstream = net.connect(target.port, target.host)
    for (const s of [client, upstream]) {
      open.add(s)
      s.on('close', () => open.delete(s))
      s.on('error', () => undefined)
    }
    client.pipe(upstream)
    upstream.pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    address: `127.0.0.1:${port}`,
    cut() {
      down = true
      for (const s of open) s.destroy()
    },
    restore() {
      down = false
    },
    close: () =>
      new Promise((r) => {
        for (const s of open) s.destroy()
        server.close(() => r())
      }),
  }
}
