import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createProject, sqliteConfig, type TempProject } from '../helpers/project.js'
import { tableRevision } from '../helpers/revisions.js'

let project: TempProject
afterEach(() => project?.remove())

/** The transcripts' graph: cf02 → 1ded → 1fe1 → 50c4, plus a side branch off cf02. */
async function transcriptProject(): Promise<TempProject> {
  project = createProject(sqliteConfig())
  await project.mig(['init'])
  project.write('migrations/versions/cf02980d4903_initial.ts', tableRevision('cf02980d4903', null, { message: 'initial' }))
  project.write('migrations/versions/1ded3ec2110c_add_email.ts', tableRevision('1ded3ec2110c', 'cf02980d4903', { message: 'add email' }))
  project.write('migrations/versions/1fe10b17daf0_widen_name.ts', tableRevision('1fe10b17daf0', '1ded3ec2110c', { message: 'widen name' }))
  project.write('migrations/versions/50c4c4f14618_manual_step.ts', tableRevision('50c4c4f14618', '1fe10b17daf0', { message: 'manual step' }))
  return project
}

describe('branches, labels and merges', () => {
  it('branches with --splice and a label, then merges the heads (as the transcripts)', async () => {
    await transcriptProject()
    const refused = await project.mig(['revision', '-m', 'side branch', '--head', 'cf02980d4903', '--rev-id', 'side0001'])
    expect(refused).toMatchObject({
      code: 1,
      stderr: 'Error: Revision cf02980d4903 is not a head revision; please specify --splice to create a new branch from this revision\n',
    })
    const side = await project.mig(['revision', '-m', 'side branch', '--head', 'cf02980d4903', '--splice', '--rev-id', 'side0001', '--branch-label', 'sidelabel'])
    expect(side.stdout).toBe(`Generating ${join(project.dir, 'migrations/versions/side0001_side_branch.ts')} ...  done\n`)

    expect((await project.mig(['heads'])).stdout.split('\n').sort()).toEqual(['', '50c4c4f14618 (head)', 'side0001 (sidelabel) (head)'])
    expect((await project.mig(['branches'])).stdout).toBe(
      'cf02980d4903 (branchpoint)\n             -> 1ded3ec2110c\n             -> side0001 (sidelabel) (head)\n\n',
    )
    const multi = await project.mig(['revision', '-m', 'x'])
    expect(multi.stderr).toBe(
      'Error: Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.\n',
    )
    const upgradeHead = await project.mig(['upgrade'])
    expect(upgradeHead.stderr).toBe(
      "Error: Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads\n",
    )
    const sideOnly = await project.mig(['upgrade', 'sidelabel@head'])
    expect(sideOnly.stderr).toBe('Running upgrade  -> cf02980d4903, initial\nRunning upgrade cf02980d4903 -> side0001, side branch\n')
    expect((await project.mig(['current'])).stdout).toBe('side0001 (head)\n')
    const all = await project.mig(['upgrade', 'heads'])
    expect(all.stderr).toBe(
      'Running upgrade cf02980d4903 -> 1ded3ec2110c, add email\nRunning upgrade 1ded3ec2110c -> 1fe10b17daf0, widen name\nRunning upgrade 1fe10b17daf0 -> 50c4c4f14618, manual step\n',
    )
    expect((await project.mig(['current'])).stdout.split('\n').sort()).toEqual(['', '50c4c4f14618 (head)', 'side0001 (head)'])

    const downgradeAmbiguous = await project.mig(['downgrade'])
    expect(downgradeAmbiguous.code).toBe(1)
    expect(downgradeAmbiguous.stderr).toMatch(/^Error: .*50c4c4f14618.*side0001.*@-1/)

    const merge = await project.mig(['merge', '-m', 'merge heads', 'heads', '--rev-id', 'merge001'])
    expect(merge.stdout).toBe(`Generating ${join(project.dir, 'migrations/versions/merge001_merge_heads.ts')} ...  done\n`)
    expect((await project.mig(['heads'])).stdout).toBe('merge001 (sidelabel) (head)\n')
    const history = await project.mig(['history'])
    expect(history.stdout.split('\n')[0]).toMatch(/^(side0001, 50c4c4f14618|50c4c4f14618, side0001) -> merge001 \(sidelabel\) \(head\) \(mergepoint\), merge heads$/)
    expect(history.stdout).toContain('<base> -> cf02980d4903 (branchpoint), initial')
    const upMerge = await project.mig(['upgrade'])
    expect(upMerge.stderr).toMatch(/^Running upgrade (side0001, 50c4c4f14618|50c4c4f14618, side0001) -> merge001, merge heads\n$/)
    expect((await project.mig(['current'])).stdout).toBe('merge001 (head) (mergepoint)\n')

    const nothing = await project.mig(['merge', 'heads'])
    expect(nothing.code).toBe(0)
    expect(nothing.stdout).toBe('')
    expect(nothing.stderr).toMatch(/^Nothing to merge/)
  })

  it('shows verbose entries for heads and branches', async () => {
    await transcriptProject()
    await project.mig(['revision', '-m', 'side branch', '--head', 'cf02980d4903', '--splice', '--rev-id', 'side0001'])
    const verbose = await project.mig(['branches', '-v'])
    expect(verbose.stdout).toMatch(/^Rev: cf02980d4903 \(branchpoint\)\nParent: <base>\nBranches into: 1ded3ec2110c, side0001\nPath: .*cf02980d4903_initial.ts\n\n    initial\n/)
    expect(verbose.stdout).toContain('             -> 1ded3ec2110c, add email\n             -> side0001 (head), side branch\n\n')
    const heads = await project.mig(['heads', '-v'])
    expect(heads.stdout).toContain('Rev: 50c4c4f14618 (head)\nParent: 1fe10b17daf0\n')
    const json = JSON.parse((await project.mig(['heads', '--json'])).stdout)
    expect(json.revisions.map((r: { id: string }) => r.id).sort()).toEqual(['50c4c4f14618', 'side0001'])
  })

  it('starts an independent base with --head base and pulls dependencies in on upgrade', async () => {
    project = createProject(sqliteConfig())
    await project.mig(['init'])
    project.write('migrations/versions/a1.ts', tableRevision('a1', null, { labels: ['alpha'] }))
    const base = await project.mig(['revision', '--head', 'base', '--rev-id', 'b1', '--branch-label', 'beta', '-m', 'beta base'])
    expect(base.code).toBe(0)
    expect(project.read('migrations/versions/b1_beta_base.ts')).toContain('export const downRevision = null')
    const dependent = await project.mig(['revision', '--head', 'alpha@head', '--rev-id', 'a2', '--depends-on', 'beta', '-m', 'needs beta'])
    expect(dependent.code).toBe(0)
    expect(project.read('migrations/versions/a2_needs_beta.ts')).toContain("export const dependsOn = ['beta']")
    const up = await project.mig(['upgrade', 'alpha@head'])
    expect(up.stderr.split('\n').filter(Boolean).sort()).toEqual([
      'Running upgrade  -> a1, a1',
      'Running upgrade  -> b1, beta base',
      'Running upgrade a1 -> a2, needs beta',
    ])
    // As Alembic prints it: the dependency as the file writes it (here a branch label).
    expect((await project.mig(['history'])).stdout).toContain('a1 (beta) -> a2 (alpha) (head), needs beta')
  })
})
