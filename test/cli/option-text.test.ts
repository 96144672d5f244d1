import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createProject, sqliteConfig, type TempProject } from '../helpers/project.js'

let project: TempProject
afterEach(() => project?.remove())

/** What `show REV --json` says about one revision. */
async function shown(rev: string): Promise<{ id: string; parents: string[]; dependsOn: string[]; message: string; path: string }> {
  const result = await project.mig(['show', rev, '--json'])
  expect(result).toMatchObject({ code: 0, stderr: '' })
  return JSON.parse(result.stdout).revisions[0]
}

// The argument parser underneath cac reads `0001` as 1, `1e3` as 1000 and `0x10` as 16; a revision
// id, message or path is text, and stays exactly what was typed.
describe('option values and revision arguments keep their text', () => {
  it('revision and merge: --rev-id, -m, --head, --depends-on, --version-path, --branch-label', async () => {
    project = createProject(sqliteConfig('app.db', "  versionLocations: ['0001'],\n"))
    await project.mig(['init'])
    project.write('0001/.keep', '')

    const first = await project.mig(['revision', '-m', '007', '--rev-id', '0001'])
    expect(first).toMatchObject({ code: 0, stdout: `Generating ${join(project.dir, 'migrations/versions/0001_007.ts')} ...  done\n` })
    await project.mig(['revision', '-m', '0x10', '--rev-id=1e3', '--head', '0001'])
    await project.mig(['revision', '-m', '1_000', '--rev-id', '0x10', '--head=1e3'])
    const spliced = await project.mig(['revision', '-m', '', '--rev-id', '000000000001', '--head', '0001', '--splice', '--version-path', '0001', '--depends-on', '1e3', '--depends-on=0x10'])
    expect(spliced.stdout).toBe(`Generating ${join(project.dir, '0001/000000000001_.ts')} ...  done\n`)

    expect(await shown('0001')).toMatchObject({ id: '0001', parents: [], message: '007' })
    expect(await shown('1e3')).toMatchObject({ id: '1e3', parents: ['0001'], message: '0x10' })
    expect(await shown('0x10')).toMatchObject({ id: '0x10', parents: ['1e3'], message: '1_000' })
    expect(await shown('000000000001')).toMatchObject({ parents: ['0001'], dependsOn: ['1e3', '0x10'], message: '' })
    expect(project.read('migrations/versions/1e3_0x10.ts')).toContain("export const revision = '1e3'\nexport const downRevision = '0001'\n")

    const merged = await project.mig(['merge', '0x10', '000000000001', '-m', '0.50', '--rev-id', '0002'])
    expect(merged.stdout).toBe(`Generating ${join(project.dir, 'migrations/versions/0002_0_50.ts')} ...  done\n`)
    expect(await shown('0002')).toMatchObject({ parents: ['0x10', '000000000001'], message: '0.50' })
    expect(await project.mig(['heads'])).toMatchObject({ code: 0, stdout: '0002 (head)\n' })
    expect(await project.mig(['history', '-r', '0001:1e3'])).toMatchObject({ code: 0, stdout: '0001 -> 1e3, 0x10\n<base> -> 0001 (branchpoint), 007\n' })

    // A label must start with a letter; the refusal quotes what was typed.
    expect((await project.mig(['revision', '-m', 'x', '--head', '0002', '--branch-label', '007'])).stderr).toMatch(/^Error: Branch label '007' must start/)
    expect((await project.mig(['revision', '-m', 'x', '--head', '0002', '--branch-label=1e3'])).stderr).toMatch(/^Error: Branch label '1e3' must start/)
  })

  it('upgrade, downgrade, stamp and show take numeric-looking revisions as ids', async () => {
    project = createProject(sqliteConfig())
    await project.mig(['init'])
    for (const [id, head] of [['0001', 'base'], ['1e3', '0001'], ['0x10', '1e3'], ['007', '0x10']]) {
      expect((await project.mig(['revision', '-m', `step ${id}`, '--rev-id', id, '--head', head])).code).toBe(0)
    }

    expect(await project.mig(['upgrade', '0001'])).toMatchObject({ code: 0, stderr: 'Running upgrade  -> 0001, step 0001\n' })
    expect(await project.mig(['upgrade', '0x10'])).toMatchObject({
      code: 0,
      stderr: 'Running upgrade 0001 -> 1e3, step 1e3\nRunning upgrade 1e3 -> 0x10, step 0x10\n',
    })
    expect(await project.mig(['downgrade', '1e3'])).toMatchObject({ code: 0, stderr: 'Running downgrade 0x10 -> 1e3, step 0x10\n' })
    expect(await project.mig(['current'])).toMatchObject({ code: 0, stdout: '1e3\n' })
    expect(await project.mig(['downgrade', '-1'])).toMatchObject({ code: 0, stderr: 'Running downgrade 1e3 -> 0001, step 1e3\n' })
    expect(await project.mig(['stamp', '007'])).toMatchObject({ code: 0, stderr: 'Running stamp_revision 0001 -> 007\n' })
    // After a flag that takes no value, the next word is still the revision, as typed.
    expect(await project.mig(['stamp', '--purge', '0001'])).toMatchObject({ code: 0, stderr: 'Running stamp_revision  -> 0001\n' })
    expect(await project.mig(['current'])).toMatchObject({ code: 0, stdout: '0001\n' })
    const sql = await project.mig(['upgrade', '--sql', '0001:1e3'])
    expect(sql.stdout).toContain("UPDATE mig_version SET version_num='1e3' WHERE mig_version.version_num = '0001';")

    const show = await project.mig(['show', '007'])
    expect(show.stdout).toMatch(/^Rev: 007 \(head\)\nParent: 0x10\n/)
    expect((await project.mig(['show', '07'])).stderr).toBe("Error: Can't locate revision identified by '07'\n")
  })

  it('-d, --config and -x keep their text', async () => {
    project = createProject()
    const init = await project.mig(['init', '-d', '0001'])
    expect(init).toMatchObject({ code: 0 })
    expect(project.list('0001')).toContain('versions')
    expect(await project.mig(['heads', '-d', '1e3'])).toMatchObject({
      code: 1,
      stderr: `Error: Path doesn't exist: '${join(project.dir, '1e3')}'.  Please use the 'init' command to create a new scripts folder.\n`,
    })
    expect(await project.mig(['heads', '--config', '007'])).toMatchObject({ code: 1, stderr: `Error: Config file '${join(project.dir, '007')}' does not exist\n` })
    expect(await project.mig(['heads', '--config=0x10'])).toMatchObject({ code: 1, stderr: `Error: Config file '${join(project.dir, '0x10')}' does not exist\n` })
    const x = await project.mig(['history', '-x', '0001'])
    expect(x).toMatchObject({ code: 2, stdout: '' })
    expect(x.stderr).toBe("Error: -x argument '0001' must be KEY=VALUE\nRun 'mig --help' for usage.\n")
  })

  it('a value option without its value is a usage error naming the option', async () => {
    project = createProject()
    await project.mig(['init'])
    expect(await project.mig(['revision', '-m', 'x', '--rev-id'])).toMatchObject({
      code: 2,
      stderr: "Error: option `--rev-id <id>` value is missing\nRun 'mig --help' for usage.\n",
    })
    expect(await project.mig(['revision', '-m', 'x', '--rev-id', 'abc', '--rev-id'])).toMatchObject({
      code: 2,
      stderr: "Error: Option `--rev-id` needs a value\nRun 'mig --help' for usage.\n",
    })
    expect(await project.mig(['revision', '--depends-on', 'abc', '--depends-on'])).toMatchObject({
      code: 2,
      stderr: "Error: Option `--depends-on` needs a value\nRun 'mig --help' for usage.\n",
    })
    expect(project.list('migrations/versions')).toEqual([])
  })
})
