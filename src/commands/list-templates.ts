import { listStockTemplates, type TemplateInfo } from '../script/templates.js'

export interface ListTemplatesResult {
  templates: TemplateInfo[]
}

/**
 * The stock repository templates (`mig init -t NAME`).
 *
 * @example
 * (await listTemplates()).templates.map((t) => t.name) // ['default', ...]
 */
export async function listTemplates(): Promise<ListTemplatesResult> {
  return { templates: listStockTemplates() }
}
