import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createProject, runMig, sqliteConfig, type TempProject } from '../helpers/project.js'
import { tableRevision } from '../helpers/revisions.js'

let project: TempProject
afterEach(() => project?.remove())

function rows(file: string, sql: string): unknown[] {
  const db = new Database(join(project.dir, file), { readonly: true })
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

const versions = () => (rows('app.db', 'select version_num from mig_version order by 1') as Array<{ version_num: string }>).map((r) => r.version_num)

describe('a user on SQLite', () => {
  it('inits a repository, writes revisions, upgrades, inspects and downgrades', async () => {
    project = createProject(sqliteConfig())
    const init = await project.mig(['init'])
    expect(init.code).toBe(0)
    expect(init.stdout).toContain(`Creating directory ${join(project.dir, 'migrations')} ...  done`)
    expect(init.stdout).toContain(`Generating ${join(project.dir, 'migrations', 'env.ts')} ...  done`)
    expect(project.list('migrations')).toEqual(['README', 'env.ts', 'script.ts.tmpl', 'versions'])

    const again = await project.mig(['init'])
    expect(again).toMatchObject({ code: 1, stderr: 'Error: Directory migrations already exists and is not empty\n' })

    const first = await project.mig(['revision', '-m', 'initial', '--rev-id', 'cf02980d4903'])
    expect(first.stdout).toBe(`Generating ${join(project.dir, 'migrations/versions/cf02980d4903_initial.ts')} ...  done\n`)
    // The user fills in the generated file by hand.
    const path = 'migrations/versions/cf02980d4903_initial.ts'
    project.write(
      path,
      project
        .read(path)
        .replace(/\/\/ write the upgrade here.*/, "await op.createTable('user', [{ name: 'id', type: 'integer', primary: true, autoincrement: true }, { name: 'name', type: 'string', length: 128 }])")
        .replace(/\/\/ write the downgrade here.*/, "await op.dropTable('user')"),
    )
    await project.mig(['revision', '-m', 'add email', '--rev-id', '1ded3ec2110c'])
    const second = 'migrations/versions/1ded3ec2110c_add_email.ts'
    expect(project.read(second)).toContain("export const downRevision = 'cf02980d4903'")
    project.write(
      second,
      project
        .read(second)
        .replace(/\/\/ write the upgrade here.*/, "await op.addColumn('user', { name: 'email', type: 'string', length: 120 })")
        .replace(/\/\/ write the downgrade here.*/, "await op.dropColumn('user', 'email')"),
    )

    const up = await project.mig(['upgrade'])
    expect(up).toMatchObject({ code: 0, stdout: '' })
    expect(up.stderr).toBe('Running upgrade  -> cf02980d4903, initial\nRunning upgrade cf02980d4903 -> 1ded3ec2110c, add email\n')
    expect(versions()).toEqual(['1ded3ec2110c'])
    expect(rows('app.db', "select name from pragma_table_info('user') order by cid")).toEqual([{ name: 'id' }, { name: 'name' }, { name: 'email' }])

    expect(await project.mig(['upgrade'])).toMatchObject({ code: 0, stdout: '', stderr: '' })
    expect((await project.mig(['current'])).stdout).toBe('1ded3ec2110c (head)\n')
    expect((await project.mig(['heads'])).stdout).toBe('1ded3ec2110c (head)\n')
    expect((await project.mig(['history'])).stdout).toBe('cf02980d4903 -> 1ded3ec2110c (head), add email\n<base> -> cf02980d4903, initial\n')
    expect((await project.mig(['history', '-i'])).stdout).toContain('1ded3ec2110c (head) (current), add email')
    expect((await project.mig(['history', '-r', 'current:'])).stdout).toBe('cf02980d4903 -> 1ded3ec2110c (head), add email\n')

    const show = await project.mig(['show', 'cf02'])
    expect(show.stdout).toBe(
      `Rev: cf02980d4903\nParent: <base>\nPath: ${join(project.dir, 'migrations/versions/cf02980d4903_initial.ts')}\n\n` +
        '    initial\n    \n    Revision ID: cf02980d4903\n    Revises:\n' +
        show.stdout.match(/    Create Date: .*\n/)![0] +
        '\n',
    )
    const verbose = await project.mig(['current', '-v'])
    expect(verbose.stdout.split('\n')[0]).toBe(`Current revision(s) for sqlite:${join(project.dir, 'app.db')}:`)

    const down = await project.mig(['downgrade'])
    expect(down.stderr).toBe('Running downgrade 1ded3ec2110c -> cf02980d4903, add email\n')
    expect((await project.mig(['current'])).stdout).toBe('cf02980d4903\n')
    expect(rows('app.db', "select name from pragma_table_info('user') order by cid")).toEqual([{ name: 'id' }, { name: 'name' }])

    const base = await project.mig(['downgrade', 'base'])
    expect(base.stderr).toBe('Running downgrade cf02980d4903 -> , initial\n')
    expect(versions()).toEqual([])
    expect((await project.mig(['current'])).stdout).toBe('')
    const below = await project.mig(['downgrade'])
    expect(below).toMatchObject({ code: 1, stderr: "Error: Relative revision -1 didn't produce 1 migrations\n" })
  })

  it('stamps without running migrations, and --purge clears an unknown row', async () => {
    project = createProject(sqliteConfig())
    await project.mig(['init'])
    project.write('migrations/versions/a_one.ts', tableRevision('a', null))
    project.write('migrations/versions/b_two.ts', tableRevision('b', 'a'))
    expect(await project.mig(['stamp', 'head'])).toMatchObject({ code: 0, stderr: 'Running stamp_revision  -> b\n' })
    expect(versions()).toEqual(['b'])
    expect(rows('app.db', "select name from sqlite_master where name like 't_%'")).toEqual([])
    expect((await project.mig(['stamp', 'a'])).stderr).toBe('Running stamp_revision b -> a\n')
    expect((await project.mig(['stamp', 'base'])).stderr).toBe('Running stamp_revision a -> \n')
    expect(versions()).toEqual([])

    const db = new Database(join(project.dir, 'app.db'))
    db.prepare("insert into mig_version values ('bogus123')").run()
    db.close()
    const bogus = await project.mig(['stamp', 'head'])
    expect(bogus.code).toBe(1)
    expect(bogus.stderr).toMatch(/^Error: Can't locate revision identified by 'bogus123'.*stamp --purge/)
    expect(await project.mig(['stamp', 'head', '--purge'])).toMatchObject({ code: 0, stderr: 'Running stamp_revision  -> b\n' })
    expect(versions()).toEqual(['b'])
  })

  it('hands -x arguments to env.ts as a list and a dictionary', async () => {
    project = createProject(sqliteConfig())
    await project.mig(['init'])
    project.write(
      'migrations/env.ts',
      `import type { Environment } from 'mig'
export default async function env(context: Environment) {
  console.log('X', JSON.stringify(context.xArgs), JSON.stringify(context.x), context.command)
  await context.runMigrations()
}
`,
    )
    const result = await project.mig(['upgrade', '-x', 'foo=bar', '-x', 'data=a=b', '-x', 'foo=baz'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('X ["foo=bar","data=a=b","foo=baz"] {"foo":"baz","data":"a=b"} upgrade\n')
    const bad = await project.mig(['upgrade', '-x', 'flag'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.split('\n')[0]).toBe("Error: -x argument 'flag' must be KEY=VALUE")
  })

  it('lets env.ts point a run at another database', async () => {
    project = createProject(sqliteConfig())
    await project.mig(['init'])
    project.write('migrations/versions/a_one.ts', tableRevision('a', null))
    project.write(
      'migrations/env.ts',
      `import type { Environment } from 'mig'
export default async function env(context: Environment) {
  if (context.x.tenant) context.database = 'sqlite:tenant-' + context.x.tenant + '.db'
  await context.runMigrations()
}
`,
    )
    expect((await project.mig(['upgrade', '-x', 'tenant=acme'])).code).toBe(0)
    expect(rows('tenant-acme.db', 'select version_num from mig_version')).toEqual([{ version_num: 'a' }])
    expect(project.list('.')).not.toContain('app.db')
  })

  it('finds the config upward, and honours --config, MIG_CONFIG and -d', async () => {
    project = createProject()
    project.write('config/other.config.ts', sqliteConfig('../other.db', "  directory: '../altmig',\n"))
    project.write('sub/dir/.keep', '')
    const init = await project.mig(['init', '-d', 'altmig', '--config', 'config/other.config.ts'])
    expect(init.code).toBe(0)
    project.write('altmig/versions/a_one.ts', tableRevision('a', null))
    expect((await project.mig(['upgrade', '--config', 'config/other.config.ts'])).code).toBe(0)
    expect(rows('other.db', 'select version_num from mig_version')).toEqual([{ version_num: 'a' }])
    const viaEnv = await project.mig(['current'], { env: { MIG_CONFIG: 'config/other.config.ts' } })
    expect(viaEnv.stdout).toBe('a (head)\n')
    project.write('mig.config.ts', sqliteConfig('app.db', "  directory: 'altmig',\n"))
    const upward = await runMig(join(project.dir, 'sub/dir'), ['heads'])
    expect(upward.stdout).toBe('a (head)\n')
  })
})

describe('what commands load', () => {
  it('reads the graph without executing revision files, and never calls orm() when database is set', async () => {
    project = createProject(sqliteConfig('app.db', "  orm: () => { throw new Error('orm() was called') },\n"))
    await project.mig(['init'])
    project.write('migrations/versions/a.ts', `${tableRevision('a', null)}\nthrow new Error('revision executed')\n`)
    for (const args of [['heads'], ['history'], ['branches'], ['show', 'a'], ['current'], ['stamp', 'a']]) {
      const result = await project.mig(args)
      expect(result.stderr).toBe(args[0] === 'stamp' ? 'Running stamp_revision  -> a\n' : '')
      expect(result.code).toBe(0)
    }
    const upgrade = await project.mig(['downgrade', 'base'])
    expect(upgrade.stderr).toContain('revision executed')
  })

  it('sees an edited revision file on the next run', async () => {
    project = createProject(sqliteConfig())
    await project.mig(['init'])
    project.write('migrations/versions/a.ts', tableRevision('a', null))
    await project.mig(['upgrade'])
    await project.mig(['downgrade', 'base'])
    project.write('migrations/versions/a.ts', tableRevision('a', null).replace("'t_a'", "'t_b'").replace("'t_a'", "'t_b'"))
    await project.mig(['upgrade'])
    expect(rows('app.db', "select name from sqlite_master where name like 't_%'")).toEqual([{ name: 't_b' }])
  })
})
