/**
 * The runtime glue of this migration repository (Alembic's env.py).
 *
 * mig runs this file for every command that talks to the database (upgrade, downgrade, stamp,
 * current, history -i) and passes the command's context. Call `context.runMigrations()` once to
 * do the command's work; change `context.database` before that to target another database.
 */
import type { Environment } from 'mig'

export default async function env(context: Environment): Promise<void> {
  // `mig upgrade -x tenant=acme` gives context.x.tenant === 'acme' (context.xArgs has the raw list):
  // if (context.x.tenant) context.database = `sqlite:tenants/${context.x.tenant}.db`
  await context.runMigrations()
}
