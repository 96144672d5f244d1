import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MigError } from '../errors.js'

/** The stock templates shipped in the package's top-level `templates/` folder. */
export const STOCK_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url))

/** Files of a template folder that describe it rather than belong in a repository. */
export const TEMPLATE_METADATA = 'template.json'

export interface TemplateInfo {
  readonly name: string
  readonly description: string
  readonly path: string
}

/** The stock templates, sorted by name. */
export function listStockTemplates(): TemplateInfo[] {
  return readdirSync(STOCK_TEMPLATES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => describeTemplate(join(STOCK_TEMPLATES_DIR, entry.name), entry.name))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * A template by stock name (`default`, `multidb`) or by path to a custom folder
 * (anything containing a `/` or starting with `.`).
 */
export function findTemplate(nameOrPath: string, cwd: string): TemplateInfo {
  const isPath = nameOrPath.includes('/') || nameOrPath.includes('\\') || nameOrPath.startsWith('.')
  const path = isPath ? resolve(cwd, nameOrPath) : join(STOCK_TEMPLATES_DIR, nameOrPath)
  if (!existsSync(path)) {
    const known = listStockTemplates().map((template) => template.name).join(', ')
    throw new MigError(
      'BAD_TEMPLATE',
      isPath ? `Template folder '${path}' does not exist` : `No template named '${nameOrPath}'; available: ${known}`,
    )
  }
  if (!existsSync(join(path, 'script.ts.tmpl'))) {
    throw new MigError('BAD_TEMPLATE', `Template folder '${path}' has no script.ts.tmpl (the revision file template)`)
  }
  return describeTemplate(path, isPath ? path : nameOrPath)
}

function describeTemplate(path: string, name: string): TemplateInfo {
  const metadata = join(path, TEMPLATE_METADATA)
  const description = existsSync(metadata) ? String(JSON.parse(readFileSync(metadata, 'utf8')).description ?? '') : ''
  return { name, description, path }
}
