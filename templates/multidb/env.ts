/**
 * The runtime glue of this multi-database migration repository (Alembic's env.py).
 *
 * mig runs this file for every command that talks to the databases (upgrade, downgrade, stamp,
 * current, migrate, ...). `context.runMigrations()` then does the command's work on every
 * database at once: the main one (`database`/`orm` in mig.config.ts, bind 'default') and each
 * entry of `binds`. Each database keeps its own version table, and a revision that fails on one
 * database is rolled back on the others too.
 */
import type { Environment } from 'mig'

export default async function env(context: Environment): Promise<void> {
  // Point a bind elsewhere for this run:  context.binds.users = process.env.USERS_DATABASE_URL
  // Run only some binds (`mig upgrade -x bind=users`), leaving the others as they are:
  // if (context.x.bind) for (const name of Object.keys(context.binds)) if (name !== context.x.bind) delete context.binds[name]
  await context.runMigrations()
}
