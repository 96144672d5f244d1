/**
 * A multidb revision body: one `if (bind === '<name>') { ... }` block per database, so the one
 * revision file carries every database's change and each run executes only its own block.
 *
 * @example
 * databaseSections([{ bind: 'users', lines: ["await op.dropTable('user')"] }], '// nothing')
 * // ["if (bind === 'users') {", "  await op.dropTable('user')", '}']
 */
export function databaseSections(sections: ReadonlyArray<{ bind: string; lines: readonly string[] }>, placeholder: string): string[] {
  const out: string[] = []
  for (const { bind, lines } of sections) {
    if (out.length > 0) out.push('')
    out.push(`if (bind === ${JSON.stringify(bind).replace(/^"|"$/g, "'")}) {`)
    for (const line of lines.length > 0 ? lines : [placeholder]) out.push(line === '' ? '' : `  ${line}`)
    out.push('}')
  }
  return out
}
