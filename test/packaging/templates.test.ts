import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createProject, sqliteConfig, type TempProject } from '../helpers/project.js'

let project: TempProject
afterEach(() => project?.remove())

/** A custom revision template using every placeholder mig fills in. */
const SCRIPT = `// \${message}
// id \${revision}, revises [\${revises}], created \${createDate}
import type { MigrationContext } from 'mig'
\${imports}
export const revision = \${revisionLiteral}
export const downRevision = \${downRevision}
export const branchLabels = \${branchLabels}
export const dependsOn = \${dependsOn}
export const message = \${messageLiteral}
export const team = 'payments'

export async function upgrade({ op }: MigrationContext): Promise<void> {
\${upgrades}
}

export async function downgrade({ op }: MigrationContext): Promise<void> {
\${downgrades}
}
`

describe('init -t ./path (a custom template folder)', () => {
  it('copies the folder, minus template.json, and writes revisions from its script.ts.tmpl', async () => {
    project = createProject(sqliteConfig())
    project.write('templates/team/script.ts.tmpl', SCRIPT)
    project.write('templates/team/env.ts', "export default async function env(context) {\n  await context.runMigrations()\n}\n")
    project.write('templates/team/README', 'Payments team migrations.\n')
    project.write('templates/team/template.json', '{ "description": "Payments team layout" }\n')

    const init = await project.mig(['init', '-t', './templates/team'])
    expect(init.code, init.stderr).toBe(0)
    expect(project.list('migrations')).toEqual(['README', 'env.ts', 'script.ts.tmpl', 'versions'])

    await project.mig(['revision', '-m', 'first', '--rev-id', 'aaa111'])
    await project.mig(['revision', '-m', 'second', '--rev-id', 'bbb222'])
    const second = project.read('migrations/versions/bbb222_second.ts')
    expect(second).toMatch(/^\/\/ second\n\/\/ id bbb222, revises \[aaa111\], created \d{4}-\d\d-\d\d /)
    expect(second).toContain("export const downRevision = 'aaa111'\n")
    expect(second).toContain("export const message = 'second'\n")
    expect(second).toContain('export const team = ')

    // Headers are still read statically (the message from its export, as there is no doc
    // comment), and the revisions run through the template's env.ts.
    expect((await project.mig(['history'])).stdout).toBe('aaa111 -> bbb222 (head), second\n<base> -> aaa111, first\n')
    expect(await project.mig(['upgrade'])).toMatchObject({ code: 0, stderr: 'Running upgrade  -> aaa111, first\nRunning upgrade aaa111 -> bbb222, second\n' })
  })

  it('explains what is wrong with a template', async () => {
    project = createProject(sqliteConfig())
    expect(await project.mig(['init', '-t', './nowhere'])).toMatchObject({ code: 1, stderr: `Error: Template folder '${join(project.dir, 'nowhere')}' does not exist\n` })
    project.write('bare/README', 'no script template here\n')
    expect((await project.mig(['init', '-t', './bare'])).stderr).toContain('has no script.ts.tmpl (the revision file template)')

    project.write('typo/script.ts.tmpl', 'export const revision = ${revisonLiteral}\n')
    expect((await project.mig(['init', '-t', './typo'])).code).toBe(0)
    const revision = await project.mig(['revision', '-m', 'x'])
    expect(revision.code).toBe(1)
    expect(revision.stderr).toContain('uses unknown placeholder ${revisonLiteral}; known: message, revision, revises')
  })
})
