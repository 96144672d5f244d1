import { relative } from 'node:path'
import { statusLine, type DevStatus } from '../../dev/status.js'
import { MigError } from '../../errors.js'
import { text, texts, type CommandContext, type Options } from '../options.js'

/**
 * Runs `mig dev` until Ctrl+C: one line per new state, with the time and the files whose change
 * led to it.
 */
export async function run(context: CommandContext, options: Options): Promise<number> {
  const { output, source } = context
  if (typeof source === 'object') throw new MigError('USAGE', 'mig dev needs a config file (--config or mig.config.ts): a config object handed over in code cannot be re-read when it changes')
  const { dev } = await import('../../commands/dev.js')
  const loop = await dev({
    configFile: text(options, 'config') ?? source,
    directory: text(options, 'directory'),
    watch: texts(options, 'watch'),
    autoUpgrade: Boolean(options.autoUpgrade),
    autogenerate: Boolean(options.autogenerate),
    autoSync: Boolean(options.autoSync),
    onStatus: (status, changed) => output.out(line(status, changed)),
  })
  output.out(`[mig] watching ${relative(process.cwd(), loop.entry)}, the modules it imports and the migrations; Ctrl+C to stop`)
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void loop.close().then(done)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  output.out('[mig] stopped')
  return 0
}

function line(status: DevStatus, changed: readonly string[]): string {
  const time = new Date().toLocaleTimeString('en-GB', { hour12: false })
  const cause = status.state === 'checking' || changed.length === 0 ? '' : `${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''} changed: `
  return `${time} [mig] ${cause}${statusLine(status)}`
}
