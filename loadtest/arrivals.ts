/**
 * The open model's load driver as a process of its own, which `npm run bench` starts
 * (runArrivalsApart): its requests, timers and JSON then cost the measured process nothing, so
 * that process's CPU is the product's alone, and the driver's own is reported apart.
 *
 *   tsx loadtest/arrivals.ts <base url> <submissions per second> <seconds>
 *
 * Progress goes to stderr; the report, with the CPU seconds this process used, is one JSON line
 * on stdout.
 */
import { runArrivals } from './driver.js'

const [baseUrl, rate, seconds] = process.argv.slice(2)
if (!baseUrl || !Number(rate) || !Number(seconds)) {
  process.stderr.write('usage: tsx loadtest/arrivals.ts <base url> <submissions per second> <seconds>\n')
  process.exit(2)
}
const perSecond = Number(rate)
const report = await runArrivals({
  baseUrl, rate: perSecond, seconds: Number(seconds),
  onProgress: (n, total) => void (n && n % (perSecond * 10) === 0 && process.stderr.write(`  ${n}/${total}\n`)),
})
const cpu = process.cpuUsage()
process.stdout.write(JSON.stringify({ ...report, cpuSeconds: (cpu.user + cpu.system) / 1e6 }) + '\n')
