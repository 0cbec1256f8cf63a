/**
 * Roles of the product as separate processes (bin/fte.ts), the way a deployment runs them, for
 * specs and the soak that kill, stop and replace them. Each listens on its own port, so its
 * /ready can be asked; its output goes to a log file, or to the caller's stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface RoleProcess {
  name: string
  port: number
  url: string
  child: ChildProcess
  /** The exit code, or the signal's name, once it exited. */
  exited: Promise<number | string>
  /** Resolves once /ready answers 200; rejects if the process exits first or the time is up. */
  ready(timeoutMs?: number): Promise<void>
  /** SIGTERM, then SIGKILL if it is still running after `graceMs`. */
  stop(graceMs?: number): Promise<number | string>
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })

/** Starts `fte <roles>` with `env` on top of this process's environment. */
export async function startRoleProcess(o: { name: string; roles: string; env: Record<string, string>; logFile?: string }): Promise<RoleProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin/fte.ts'), o.roles], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', FTE_METRICS_PORT: '0', ...o.env, PORT: String(port) },
    stdio: ['ignore', o.logFile ? 'pipe' : 'ignore', o.logFile ? 'pipe' : 'inherit'],
  })
  if (o.logFile) {
    const out = createWriteStream(o.logFile, { flags: 'a' })
    child.stdout!.pipe(out, { end: false })
    child.stderr!.pipe(out, { end: false })
  }
  const exited = new Promise<number | string>((r) => child.once('exit', (code, signal) => r(code ?? signal ?? 'unknown')))
  const url = `http://127.0.0.1:${port}`
  const where = o.logFile ? `; see ${o.logFile}` : ''
  return {
    name: o.name, port, url, child, exited,
    async ready(timeoutMs = 240_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        if ((await fetch(`${url}/ready`).catch(() => null))?.status === 200) return
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${o.name} exited (${child.exitCode ?? child.signalCode}) before it was ready${where}`)
        if (Date.now() > deadline) throw new Error(`${o.name} not ready after ${timeoutMs / 1000} s${where}`)
        await new Promise((r) => setTimeout(r, 250))
      }
    },
    async stop(graceMs = 30_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      const how = await exited
      clearTimeout(timer)
      return how
    },
  }
}
