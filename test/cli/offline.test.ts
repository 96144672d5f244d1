import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createProject, sqliteConfig, urlConfig, type TempProject } from '../helpers/project.js'
import { revisionSource } from '../helpers/revisions.js'

let project: TempProject
afterEach(() => project?.remove())

async function twoRevisions(config = sqliteConfig()): Promise<TempProject> {
  project = createProject(config)
  await project.mig(['init'])
  project.write('migrations/versions/cf02980d4903_initial.ts', revisionSource({
    id: 'cf02980d4903', down: null, message: 'initial',
    upgrade: ["await op.createTable('user', [{ name: 'id', type: 'integer', primary: true }, { name: 'name', type: 'string', length: 128 }])"],
    downgrade: ["await op.dropTable('user')"],
  }))
  project.write('migrations/versions/1ded3ec2110c_add_email.ts', revisionSource({
    id: '1ded3ec2110c', down: 'cf02980d4903', message: 'add email',
    upgrade: ["await op.addColumn('user', { name: 'email', type: 'string', length: 120 })"],
    downgrade: ["await op.dropColumn('user', 'email')"],
  }))
  return project
}

describe('--sql prints the SQL instead of running it', () => {
  it('upgrade from base creates the version table and records each step', async () => {
    await twoRevisions()
    const result = await project.mig(['upgrade', '--sql'])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('Running upgrade  -> cf02980d4903, initial\nRunning upgrade cf02980d4903 -> 1ded3ec2110c, add email\n')
    const sql = result.stdout
    expect(sql.startsWith('CREATE TABLE mig_version (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT mig_version_pkc PRIMARY KEY (version_num)\n);\n\nPRAGMA foreign_keys = OFF;\n\n-- Running upgrade  -> cf02980d4903\n\nBEGIN;\n\n')).toBe(true)
    expect(sql.endsWith('COMMIT;\n\nPRAGMA foreign_keys = ON;\n\n')).toBe(true)
    expect(sql).toContain("INSERT INTO mig_version (version_num) VALUES ('cf02980d4903');\n\n")
    expect(sql).toContain('-- Running upgrade cf02980d4903 -> 1ded3ec2110c\n\n')
    expect(sql).toContain("UPDATE mig_version SET version_num='1ded3ec2110c' WHERE mig_version.version_num = 'cf02980d4903';\n\n")
    expect(sql.indexOf('create table')).toBeLessThan(sql.indexOf('add column'))
    expect(existsSync(join(project.dir, 'app.db'))).toBe(false)
  })

  it('a range starts from the given revision without creating the table', async () => {
    await twoRevisions()
    const result = await project.mig(['upgrade', '--sql', 'cf02980d4903:1ded3ec2110c'])
    expect(result.stdout.startsWith('PRAGMA foreign_keys = OFF;\n\n-- Running upgrade cf02980d4903 -> 1ded3ec2110c\n\n')).toBe(true)
    expect(result.stdout).not.toContain('CREATE TABLE mig_version')
  })

  it('downgrade needs a range; stamp writes only version rows', async () => {
    await twoRevisions()
    const bare = await project.mig(['downgrade', '--sql', 'base'])
    expect(bare).toMatchObject({ code: 1, stderr: 'Error: downgrade with --sql requires <fromrev>:<torev>\n' })
    const down = await project.mig(['downgrade', '--sql', '1ded3ec2110c:cf02980d4903'])
    expect(down.stdout).toMatch(/^PRAGMA foreign_keys = OFF;\n\n-- Running downgrade 1ded3ec2110c -> cf02980d4903\n\n/)
    expect(down.stdout).toContain("UPDATE mig_version SET version_num='cf02980d4903' WHERE mig_version.version_num = '1ded3ec2110c';")
    const defaulted = await project.mig(['downgrade', '--sql'])
    expect(defaulted.stdout).toMatch(/^PRAGMA foreign_keys = OFF;\n\n-- Running downgrade 1ded3ec2110c -> cf02980d4903\n/)
    const stamp = await project.mig(['stamp', '--sql', 'head'])
    expect(stamp.stdout).toBe(
      'CREATE TABLE mig_version (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT mig_version_pkc PRIMARY KEY (version_num)\n);\n\n' +
        "-- Running stamp_revision  -> 1ded3ec2110c\n\nINSERT INTO mig_version (version_num) VALUES ('1ded3ec2110c');\n\n",
    )
    expect(existsSync(join(project.dir, 'app.db'))).toBe(false)
  })

  it('writes SQL for the configured dialect without connecting to it', async () => {
    await twoRevisions(urlConfig('postgresql://nobody:secret@127.0.0.1:1/none'))
    const result = await project.mig(['upgrade', '--sql'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('create table "user"')
    expect(result.stdout).toContain('BEGIN;\n\n')
  })

  it('refuses, as online, a downgrade to a revision applied only as a dependency', async () => {
    await twoRevisions()
    project.write('migrations/versions/aa01_audit.ts', revisionSource({
      id: 'aa01', down: null, message: 'audit', dependsOn: ['cf02980d4903'],
      upgrade: ["await op.createTable('audit', [{ name: 'id', type: 'integer', primary: true }])"],
      downgrade: ["await op.dropTable('audit')"],
    }))
    const refused = await project.mig(['downgrade', '--sql', 'aa01:cf02980d4903'])
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([1, '', 'Error: Destination cf02980d4903 is not a valid downgrade target from current head(s)\n'])
    const below = await project.mig(['downgrade', '--sql', 'aa01:base'])
    expect(below.code).toBe(0)
    expect(below.stderr).toBe('Running downgrade aa01 -> , audit\nRunning downgrade cf02980d4903 -> , initial\n')
  })
})
