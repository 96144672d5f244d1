/**
 * mig against real Alembic: random revision graphs built through each tool's own CLI, every
 * command form run from the same version rows through both, outputs compared line for line
 * (see compare.ts for what "the same" means and differences.ts for what may differ, and why).
 *
 * CI runs the seeds below; `npm run alembic-diff` runs many more (MIG_ALEMBIC_SEEDS=1-200) and
 * prints the table by command form. Skipped when Alembic is not importable
 * (`apt-get install python3-alembic`, as .ci/run does).
 */
import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCase, type Case } from './cases.js'
import { compare, compareCase, describe as reproduction, seenMig, type Verdict } from './compare.js'
import { DIFFERENCES } from './differences.js'
import { findAlembic, runAlembic, runMig, scratch, type CaseRun } from './run.js'

/** Fixed seeds: together they reach every entry of DIFFERENCES (the last test checks that). */
const CI_SEEDS = [1, 2, 3, 4, 9, 10, 17, 24]

function seedsFromEnv(value: string | undefined): number[] | undefined {
  if (!value) return undefined
  return value.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number)
    return to === undefined ? [from!] : Array.from({ length: to - from! + 1 }, (_, i) => from! + i)
  })
}

const requested = seedsFromEnv(process.env.MIG_ALEMBIC_SEEDS)
const SEEDS = requested ?? CI_SEEDS
const alembic = findAlembic()

/** Runs `work` over `items`, `limit` at a time (the mig side is one process per command). */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        results[i] = await work(items[i]!)
      }
    }),
  )
  return results
}

if ('reason' in alembic) {
  it.skip(`mig against Alembic: skipped, ${alembic.reason}`, () => {})
} else {
  describe(`mig against Alembic ${alembic.version} (seeds ${requested ? process.env.MIG_ALEMBIC_SEEDS : CI_SEEDS.join(', ')})`, () => {
    const cases: Case[] = SEEDS.map((seed) => makeCase(seed))
    const verdicts: Array<{ c: Case; results: Array<Verdict & { command: Case['commands'][number] }> }> = []
    const cleanup: Array<() => void> = []
    let firstMig: CaseRun | undefined

    beforeAll(async () => {
      const root = scratch()
      cleanup.push(root.remove)
      // Alembic (three interpreters, all cases each) runs beside the mig processes.
      const [alembicRuns, migRuns] = await Promise.all([
        runAlembic(alembic.python, cases, root.dir),
        pool(cases, 2, async (c) => {
          const run = await runMig(c)
          cleanup.push(run.remove)
          return run
        }),
      ])
      firstMig = migRuns[0]
      for (const [i, c] of cases.entries()) verdicts.push({ c, results: compareCase(c, alembicRuns[i]!, migRuns[i]!, DIFFERENCES) })
      if (process.env.MIG_ALEMBIC_REPORT) {
        const rows = verdicts.flatMap(({ c, results }) =>
          results.map((r) => ({
            seed: c.seed,
            form: r.command.form,
            agree: r.agree,
            explainedBy: r.explainedBy,
            kinds: r.explainedBy.map((name) => DIFFERENCES.find((d) => d.name === name)?.kind),
            reproduction: r.disagreement ? reproduction(c, r.disagreement) : undefined,
          })),
        )
        writeFileSync(process.env.MIG_ALEMBIC_REPORT, JSON.stringify({ seeds: SEEDS, alembic: alembic.version, rows, differences: DIFFERENCES.map(({ name, kind, forms, reason }) => ({ name, kind, forms, reason })) }))
      }
    }, 600_000)

    afterAll(() => {
      for (const remove of cleanup) remove()
    })

    it('every disagreement is a named difference', () => {
      const unexplained = verdicts.flatMap(({ c, results }) =>
        results.filter((r) => !r.agree && r.explainedBy.every((name) => !DIFFERENCES.find((d) => d.name === name)?.explains)).map((r) => reproduction(c, r.disagreement!)),
      )
      expect(unexplained.join('\n\n')).toBe('')
    })

    it('runs every command form from several start rows', () => {
      const forms = new Set(verdicts.flatMap(({ results }) => results.map((r) => r.command.form)))
      expect(forms.size).toBeGreaterThan(50)
      const agreed = verdicts.flatMap(({ results }) => results).filter((r) => r.agree).length
      const total = verdicts.reduce((n, { results }) => n + results.length, 0)
      // Most commands agree outright; a drop means something broad broke on one side.
      expect(agreed / total).toBeGreaterThan(0.75)
    })

    it('notices a changed step, row or line', () => {
      // The comparison itself: an agreeing upgrade whose mig output is tampered with must disagree.
      const { c, results } = verdicts[0]!
      const i = results.findIndex((r) => r.agree && r.explainedBy.length === 0 && r.command.argv[0] === 'upgrade' && /Running upgrade/.test(firstMig!.commands[c.commands.indexOf(r.command)]!.stderr))
      expect(i).toBeGreaterThanOrEqual(0)
      const command = results[i]!.command
      const at = c.commands.indexOf(command)
      const mig = seenMig(firstMig!.commands[at]!, firstMig!.dir)
      const reference = { ...mig }
      const tampered = [
        { ...mig, stderr: [...mig.stderr].reverse().concat(mig.stderr.length === 1 ? ['Running upgrade x -> y, z'] : []) },
        { ...mig, rows: [...(mig.rows ?? []), 'ffffff'] },
        { ...mig, failed: !mig.failed },
      ]
      expect(compare(c, command, [reference], mig, DIFFERENCES).agree).toBe(true)
      for (const t of tampered) expect(compare(c, command, [reference], t, DIFFERENCES).agree).toBe(false)
    })

    it.skipIf(requested !== undefined)('every named difference still occurs (remove an entry that no longer does)', () => {
      const hit = new Set(verdicts.flatMap(({ results }) => results.flatMap((r) => r.explainedBy)))
      expect(DIFFERENCES.filter((d) => !hit.has(d.name)).map((d) => `${d.kind}: ${d.name}`)).toEqual([])
    })
  })
}
