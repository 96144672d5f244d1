import { MigError } from '../errors.js'

/**
 * Fills `${name}` placeholders. An unknown placeholder is an error naming the template, so a
 * typo in a custom template never produces a broken revision file.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>, templatePath: string): string {
  return template.replace(/\$\{(\w+)\}/g, (_match, name: string) => {
    const value = values[name]
    if (value === undefined) {
      throw new MigError('BAD_TEMPLATE', `Template '${templatePath}' uses unknown placeholder \${${name}}; known: ${Object.keys(values).join(', ')}`)
    }
    return value
  })
}
