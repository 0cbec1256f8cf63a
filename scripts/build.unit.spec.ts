import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * What `npm run build` compiles (and so what the image ships): the product only. A production file
 * that imports test code would pull it in, whatever tsconfig.build.json excludes, so the list of
 * files the compiler would read is the thing to check.
 */
describe('the build', () => {
  it('holds no spec, no stand-in, nothing from testing/, loadtest/ or scripts/, and not the eval', () => {
    const tsc = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--listFilesOnly'], { cwd: root, encoding: 'utf8' })
    assert.equal(tsc.status, 0, tsc.stderr || tsc.stdout)
    const ours = tsc.stdout.split('\n').map((f) => path.relative(root, f.trim())).filter((f) => f && !f.startsWith('..') && !f.startsWith('node_modules'))
    assert.ok(ours.some((f) => f === path.join('bin', 'fte.ts')), 'the CLI is in the build')
    const forbidden = ours.filter((f) => /\.spec\.tsx?$/.test(f) || /^(testing|loadtest|scripts|k8s)\//.test(f) || /standin/i.test(f) || /^demo\/(evaluate|samples|evalCases|evalSplit)\.ts$/.test(f))
    assert.deepEqual(forbidden, [])
  })
})
