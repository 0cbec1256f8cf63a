import { readdirSync, readFileSync } from 'node:fs'

/**
 * CPU seconds used so far by the processes on this machine, by kind: this process, Postgres
 * (every backend), the Kafka broker and the schema registry. Read from /proc, so Linux only, and
 * only meaningful when the stack runs here, as `npm run stack:up` runs it. A whole ticket's cost
 * is spread over all of them: on a machine of two cores, their sum is what limits throughput.
 */
export function cpuSecondsByProcess(): Map<string, number> | null {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d))
  } catch {
    return null
  }
  const ticksPerSecond = 100 // USER_HZ: 100 on every Linux Node runs on
  const out = new Map<string, number>()
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      // After the name: state is field 3, and utime and stime (user and system time) are 14 and 15.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const seconds = (Number(f[11]) + Number(f[12])) / ticksPerSecond
      let kind: string | null = null
      if (Number(pid) === process.pid) kind = 'this process (node)'
      else if (name === 'postgres') kind = 'postgres'
      else if (name === 'java') {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        kind = /kafka\.Kafka|kafka-server|KafkaRaftServer/i.test(cmd) ? 'kafka' : /apicurio|quarkus/i.test(cmd) ? 'registry' : null
      }
      if (kind) out.set(kind, (out.get(kind) ?? 0) + seconds)
    } catch {
      // the process ended while being read
    }
  }
  return out
}

/** Milliseconds of CPU per item of work between two readings, by kind, and their sum. */
export function cpuPerItem(before: Map<string, number>, after: Map<string, number>, items: number): { kind: string; ms: number }[] {
  const rows = [...after].map(([kind, s]) => ({ kind, ms: ((s - (before.get(kind) ?? 0)) * 1000) / Math.max(1, items) }))
  rows.sort((a, b) => b.ms - a.ms)
  return [...rows, { kind: 'total', ms: rows.reduce((a, r) => a + r.ms, 0) }]
}
