import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createProject, runNode, type RunResult, type TempProject } from '../helpers/project.js'

let project: TempProject
afterEach(() => project?.remove())

/** An application's own CLI with mig mounted under `db` (Flask-Migrate's `command='db'`). */
const APP_CLI = `import { cac } from 'cac'
import { registerMigCommands } from 'mig/cli'

const cli = cac('myapp')
cli.command('serve', 'Start the server').action(() => console.log('serving'))
registerMigCommands(cli, { group: 'db', config: { database: 'sqlite:app.db' } })
cli.help()
cli.parse()
`

function app(args: string[]): Promise<RunResult> {
  return runNode(project.dir, ['app-cli.mjs', ...args])
}

describe('mig mounted in an application CLI', () => {
  it('runs every command under the group, with mig help and exit codes', async () => {
    project = createProject()
    project.write('app-cli.mjs', APP_CLI)

    const init = await app(['db', 'init'])
    expect(init.code).toBe(0)
    expect(init.stdout).not.toContain('No mig.config.ts found')
    expect(project.list('migrations')).toEqual(['README', 'env.ts', 'script.ts.tmpl', 'versions'])

    expect((await app(['db', 'revision', '-m', 'first', '--rev-id', 'aaa111'])).code).toBe(0)
    const up = await app(['db', 'upgrade'])
    expect(up).toMatchObject({ code: 0, stderr: 'Running upgrade  -> aaa111, first\n' })
    expect(await app(['db', 'heads'])).toMatchObject({ code: 0, stdout: 'aaa111 (head)\n' })
    expect(await app(['db', 'current'])).toMatchObject({ code: 0, stdout: 'aaa111 (head)\n' })
    // `-1` reaches mig untouched although cac would read it as an option.
    expect(await app(['db', 'downgrade', '-1'])).toMatchObject({ code: 0, stderr: 'Running downgrade aaa111 -> , first\n' })

    const help = await app(['db', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('$ myapp db <command> [options]')
    expect(help.stdout).toMatch(/upgrade \[revision\]\s+Upgrade to a later version/)
    const commandHelp = await app(['db', 'upgrade', '--help'])
    expect(commandHelp.stdout).toContain('$ myapp db upgrade [revision]')
    expect(commandHelp.stdout).toContain('--sql')

    const unknown = await app(['db', 'upgrade', '--bogus'])
    expect(unknown).toMatchObject({ code: 2, stdout: '' })
    expect(unknown.stderr).toBe("Error: Unknown option `--bogus`\nRun 'myapp db --help' for usage.\n")
    expect((await app(['db', 'frobnicate'])).code).toBe(2)

    // The application's own commands and help are untouched.
    expect(await app(['serve'])).toMatchObject({ code: 0, stdout: 'serving\n' })
    const appHelp = await app(['--help'])
    expect(appHelp.stdout).toMatch(/db \[\.\.\.args\]\s+Database migrations/)
    expect(appHelp.stdout).toContain('serve')
  })

  it('keeps numeric-looking option values and revisions as typed', async () => {
    project = createProject()
    project.write('app-cli.mjs', APP_CLI)
    await app(['db', 'init', '-d', '007'])
    expect(project.list('007')).toContain('versions')
    const first = await app(['db', 'revision', '-d', '007', '-m', '1e3', '--rev-id', '0001'])
    expect(first.stdout).toBe(`Generating ${join(project.dir, '007/versions/0001_1e3.ts')} ...  done\n`)
    await app(['db', 'revision', '-d', '007', '-m', '0x10', '--rev-id=000000000001', '--head', '0001', '--depends-on', '0001'])
    expect(await app(['db', 'heads', '-d', '007'])).toMatchObject({ code: 0, stdout: '000000000001 (head)\n' })
    expect(await app(['db', 'upgrade', '-d', '007', '0001'])).toMatchObject({ code: 0, stderr: 'Running upgrade  -> 0001, 1e3\n' })
    expect(await app(['db', 'stamp', '-d', '007', '--purge', '000000000001'])).toMatchObject({ code: 0, stderr: 'Running stamp_revision  -> 000000000001\n' })
    expect(await app(['db', 'history', '-d', '007', '-x', '1e3'])).toMatchObject({
      code: 2,
      stderr: "Error: -x argument '1e3' must be KEY=VALUE\nRun 'myapp db --help' for usage.\n",
    })
    expect((await app(['db', 'show', '-d', '007', '0x10'])).stderr).toBe("Error: Can't locate revision identified by '0x10'\n")
  })

  it('takes a config file path instead of an object', async () => {
    project = createProject()
    project.write('config/db.config.ts', "import { defineConfig } from 'mig'\nexport default defineConfig({ database: 'sqlite:../other.db', directory: '../db-migrations' })\n")
    project.write('app-cli.mjs', APP_CLI.replace("config: { database: 'sqlite:app.db' }", "config: 'config/db.config.ts'"))
    expect((await app(['db', 'init'])).code).toBe(0)
    expect(project.list('db-migrations')).toContain('versions')
    await app(['db', 'revision', '-m', 'one', '--rev-id', 'bbb222'])
    expect(await app(['db', 'upgrade'])).toMatchObject({ code: 0, stderr: 'Running upgrade  -> bbb222, one\n' })
    expect(project.list('.')).toContain('other.db')
  })
})
