import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createProject, sqliteConfig, type TempProject } from '../helpers/project.js'
import { tableRevision } from '../helpers/revisions.js'

let project: TempProject
afterEach(() => project?.remove())

async function withRevisions(files: Record<string, string>): Promise<TempProject> {
  project = createProject(sqliteConfig())
  await project.mig(['init'])
  for (const [name, source] of Object.entries(files)) project.write(`migrations/versions/${name}`, source)
  return project
}

/** Expected failures: one `Error:` line, exit 1 (2 for usage), never a stack trace. */
function expectError(result: { code: number; stderr: string; stdout: string }, code: number, message: string | RegExp): void {
  expect(result.code).toBe(code)
  const first = result.stderr.split('\n').find((line) => line.startsWith('Error: ')) ?? result.stderr
  if (typeof message === 'string') expect(first).toBe(`Error: ${message}`)
  else expect(first).toMatch(message)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

describe('bad input gets one clear line', () => {
  it('unknown and ambiguous revisions', async () => {
    await withRevisions({ 'abc1.ts': tableRevision('abc1', null), 'abc2.ts': tableRevision('abc2', 'abc1') })
    expectError(await project.mig(['show', 'deadbeef']), 1, "Can't locate revision identified by 'deadbeef'")
    expectError(await project.mig(['upgrade', 'nope']), 1, "Can't locate revision identified by 'nope'")
    expectError(await project.mig(['show', 'abc']), 1, /abc.*abc1.*abc2|abc.*abc2.*abc1/)
    expect((await project.mig(['show', 'abc2'])).code).toBe(0)
  })

  it('a missing parent names both files', async () => {
    await withRevisions({ 'a.ts': tableRevision('a', null), 'b.ts': tableRevision('b', 'zzz') })
    const result = await project.mig(['heads'])
    expectError(result, 1, /zzz/)
    expect(result.stderr).toContain(join(project.dir, 'migrations/versions/b.ts'))
  })

  it('cycles, duplicate ids and duplicate labels', async () => {
    await withRevisions({ 'a.ts': tableRevision('a', 'b'), 'b.ts': tableRevision('b', 'a') })
    expectError(await project.mig(['history']), 1, /Cycle is detected in revisions \((a, b|b, a)\)/)
    project.remove()
    await withRevisions({ 'a.ts': tableRevision('a', null), 'a_copy.ts': tableRevision('a', null) })
    const duplicate = await project.mig(['heads'])
    expectError(duplicate, 1, /a/)
    expect(duplicate.stderr).toContain('a_copy.ts')
    project.remove()
    await withRevisions({ 'a.ts': tableRevision('a', null, { labels: ['x'] }), 'b.ts': tableRevision('b', 'a', { labels: ['x'] }) })
    expectError(await project.mig(['heads']), 1, /Branch name 'x' in revision (b|a) already used by revision (a|b)/)
  })

  it('a syntax error in a revision names the file', async () => {
    await withRevisions({ 'a.ts': tableRevision('a', null), 'b.ts': tableRevision('b', 'a').replace('await op.createTable(', 'await op.createTable((') })
    expect((await project.mig(['heads'])).stdout).toBe('b (head)\n')
    const result = await project.mig(['upgrade'])
    expectError(result, 1, new RegExp(`${join(project.dir, 'migrations/versions/b.ts').replace(/[/.]/g, '\\$&')}`))
    // the first revision of the run stays applied
    expect((await project.mig(['current'])).stdout).toBe('a\n')
  })

  it('missing config, missing repository, bad options', async () => {
    project = createProject()
    expectError(await project.mig(['current']), 1, /No mig.config.ts \(nor a MikroORM config\) found in '.*'/)
    project.write('mig.config.ts', sqliteConfig())
    expectError(await project.mig(['upgrade', '-d', 'doesnotexist']), 1, `Path doesn't exist: '${join(project.dir, 'doesnotexist')}'.  Please use the 'init' command to create a new scripts folder.`)
    expectError(await project.mig(['heads']), 1, /Path doesn't exist: .*migrations.*'init'/)
    expectError(await project.mig(['current', '--config', 'nope.ts']), 1, `Config file '${join(project.dir, 'nope.ts')}' does not exist`)
    const unknown = await project.mig(['heads', '--frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/Unknown option `--frobnicate`/)
    const command = await project.mig(['frobnicate'])
    expect(command.code).toBe(2)
    expectError(await project.mig(['upgrade', '-1']), 2, /relative upgrade needs '\+N'/)
    expectError(await project.mig(['downgrade', '--sql']), 1, /./)
  })

  it('a broken config names the file', async () => {
    project = createProject("import { defineConfig } from 'mig'\nexport default defineConfig({ database: 'sqlite:app.db' ")
    await project.mig(['init'])
    expectError(await project.mig(['current']), 1, new RegExp(join(project.dir, 'mig.config.ts').replace(/[/.]/g, '\\$&')))
  })

  it('lists every command in --help', async () => {
    project = createProject()
    const help = await project.mig(['--help'])
    expect(help.code).toBe(0)
    for (const command of ['init', 'list-templates', 'revision', 'migrate', 'check', 'merge', 'upgrade', 'downgrade', 'stamp', 'current', 'history', 'show', 'heads', 'branches', 'edit']) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'))
    }
    const templates = await project.mig(['list-templates'])
    expect(templates.stdout).toMatch(/^Available templates:\n\ndefault - Single-database configuration for mig\.\n/)
  })

  it('edit opens the file in $EDITOR without a shell, and reports a failing editor', async () => {
    await withRevisions({ 'a.ts': tableRevision('a', null) })
    expect((await project.mig(['edit', 'a'], { env: { EDITOR: 'true', VISUAL: '' } })).code).toBe(0)
    expectError(await project.mig(['edit', 'a'], { env: { EDITOR: 'false', VISUAL: '' } }), 1, /Error executing editor \(false .*a\.ts: exited with status 1\)/)
    expectError(await project.mig(['edit', 'zzzz'], { env: { EDITOR: 'true', VISUAL: '' } }), 1, "Can't locate revision identified by 'zzzz'")
    await project.mig(['upgrade'])
    expect((await project.mig(['edit'], { env: { EDITOR: 'true', VISUAL: '' } })).code).toBe(0)
  })
})
