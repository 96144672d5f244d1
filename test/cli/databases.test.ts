import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_TARGETS } from '../helpers/databases.js'
import { createProject, type TempProject } from '../helpers/project.js'
import { revisionSource, tableRevision } from '../helpers/revisions.js'

let project: TempProject | undefined
afterEach(() => project?.remove())

for (const target of DATABASE_TARGETS) {
  describe.skipIf(!target.enabled)(`on ${target.name}`, () => {
    it('runs the same hand-written revisions up and down', async () => {
      const db = await target.open(() => project!.dir)
      try {
        project = createProject(db.config)
        await project.mig(['init'])
        project.write('migrations/versions/a.ts', revisionSource({
          id: 'a', down: null, message: 'users',
          upgrade: [
            "await op.createTable('user', [{ name: 'id', type: 'integer', primary: true, autoincrement: true }, { name: 'name', type: 'string', length: 128, nullable: false }])",
            "await op.bulkInsert('user', [{ name: 'ada' }, { name: \"o'brien\" }])",
          ],
          downgrade: ["await op.dropTable('user')"],
        }))
        project.write('migrations/versions/b.ts', revisionSource({
          id: 'b', down: 'a', message: 'email',
          upgrade: ["await op.addColumn('user', { name: 'email', type: 'string', length: 120 })", "await op.execute(\"update user set email = 'x@example.com'\".replace('user', op.dialect === 'mysql' ? '`user`' : '\"user\"'))"],
          downgrade: ["await op.dropColumn('user', 'email')"],
        }))
        const up = await project.mig(['upgrade'])
        expect(up.stderr).toBe('Running upgrade  -> a, users\nRunning upgrade a -> b, email\n')
        expect(up.code).toBe(0)
        const table = target.name.startsWith('MariaDB') ? '`user`' : '"user"'
        expect(await db.query(`select name, email from ${table} order by id`)).toEqual([
          { name: 'ada', email: 'x@example.com' },
          { name: "o'brien", email: 'x@example.com' },
        ])
        expect((await project.mig(['current'])).stdout).toBe('b (head)\n')
        expect((await project.mig(['downgrade', 'base'])).code).toBe(0)
        expect(await db.query('select version_num from mig_version')).toEqual([])
        expect((await project.mig(['upgrade'])).code).toBe(0)
      } finally {
        await db.drop()
      }
    })

    it('rolls a failing revision back, names its file and statement, keeps earlier revisions', async () => {
      const db = await target.open(() => project!.dir)
      try {
        project = createProject(db.config)
        await project.mig(['init'])
        project.write('migrations/versions/a_first.ts', tableRevision('a', null))
        project.write('migrations/versions/b_broken.ts', revisionSource({
          id: 'b', down: 'a',
          upgrade: ["await op.createTable('t_b', [{ name: 'id', type: 'integer', primary: true }])", "await op.execute('insert into no_such_table values (1)')"],
        }))
        const result = await project.mig(['upgrade'])
        expect(result.code).toBe(1)
        const line = result.stderr.split('\n').find((l) => l.startsWith('Error: '))!
        expect(line).toContain('b_broken.ts')
        expect(line).toContain('insert into no_such_table values (1)')
        expect(result.stderr).not.toMatch(/\n\s+at /)
        expect(await db.query('select version_num from mig_version')).toEqual([{ version_num: 'a' }])
        const leftover = target.name.startsWith('SQLite')
          ? await db.query("select name from sqlite_master where name = 't_b'")
          : target.name.startsWith('PostgreSQL')
            ? await db.query("select table_name from information_schema.tables where table_name = 't_b'")
            : []
        expect(leftover).toEqual([])
        if (target.name.startsWith('MariaDB')) expect(line).toContain('cannot roll back DDL')
      } finally {
        await db.drop()
      }
    })

    it('applies each revision exactly once when 4 processes upgrade at the same time', async () => {
      const db = await target.open(() => project!.dir)
      try {
        project = createProject(db.config)
        await project.mig(['init'])
        project.write('migrations/versions/r0.ts', revisionSource({
          id: 'r0', down: null,
          upgrade: ["await op.createTable('applied', [{ name: 'rev', type: 'string', length: 10 }])"],
        }))
        for (let i = 1; i <= 6; i++) {
          project.write(`migrations/versions/r${i}.ts`, revisionSource({ id: `r${i}`, down: `r${i - 1}`, upgrade: [`await op.execute("insert into applied (rev) values ('r${i}')")`] }))
        }
        const runs = await Promise.all([1, 2, 3, 4].map(() => project!.mig(['upgrade'])))
        expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0])
        const applied = runs.flatMap((run) => run.stderr.split('\n').filter((l) => l.startsWith('Running upgrade')))
        expect(applied).toHaveLength(7)
        expect(await db.query('select rev from applied order by rev')).toEqual([1, 2, 3, 4, 5, 6].map((i) => ({ rev: `r${i}` })))
        expect(await db.query('select version_num from mig_version')).toEqual([{ version_num: 'r6' }])
      } finally {
        await db.drop()
      }
    })
  })
}
