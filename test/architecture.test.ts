import { execFileSync } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ICruiseResult } from 'dependency-cruiser'
import { describe, expect, it } from 'vitest'

// The layering of docs/architecture.md: data flows one way (CLI -> commands -> script, revision,
// runtime, operations, autogenerate), and modules form no cycle. dependency-cruiser checks it
// with the rules in .dependency-cruiser.mjs, run here exactly as `npx depcruise src` runs by hand;
// each rule is a case, its offenders listed as import chains.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function cruiseSrc(): ICruiseResult {
  const bin = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs')
  try {
    return JSON.parse(execFileSync(process.execPath, [bin, 'src', '--output-type', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 }))
  } catch (error) {
    // It exits with the number of violations; the report is on stdout all the same.
    const stdout = (error as { stdout?: string }).stdout
    if (!stdout) throw error
    return JSON.parse(stdout)
  }
}

const result = cruiseSrc()

describe('the layers of src/', () => {
  const rules = result.summary.ruleSetUsed?.forbidden ?? []

  it('checks every module of src/, cycles included', () => {
    expect(result.summary.totalCruised).toBeGreaterThan(100)
    expect(rules.map((rule) => rule.name)).toContain('no-cycles')
  })

  it.each(rules.map((rule) => [rule.comment ?? rule.name!, rule.name!]))('%s', (_comment, name) => {
    const offenders = result.summary.violations
      .filter((violation) => violation.rule.name === name)
      .map((violation) => [violation.from, ...(violation.cycle?.map((step) => step.name) ?? [violation.to])].join(' -> '))
    expect(offenders).toEqual([])
  })
})
