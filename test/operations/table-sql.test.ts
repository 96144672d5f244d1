import { describe, expect, it } from 'vitest'
import { isMigError } from '../../src/errors.js'
import { sqlFor } from './helpers/recording.js'

describe('createTable', () => {
  it('renders columns, keys, uniques, foreign keys, indexes and comments per dialect', async () => {
    const sql = await sqlFor((op) =>
      op.createTable(
        'user',
        [
          { name: 'id', type: 'integer', autoincrement: true },
          { name: 'email', type: 'string', length: 320, nullable: false, unique: true },
          { name: 'active', type: 'boolean', nullable: false, default: true },
          { name: 'created_at', type: 'datetime', defaultRaw: 'current_timestamp', comment: "when it's made" },
          { name: 'team_id', type: 'integer', references: { table: 'team', column: 'id', onDelete: 'set null' } },
        ],
        { indexes: [{ columns: ['created_at'] }], comment: 'people' },
      ),
    )
    expect(sql).toMatchInlineSnapshot(`
      {
        "mysql": [
          "create table \`user\` (\`id\` int unsigned not null auto_increment primary key, \`email\` varchar(320) not null, \`active\` tinyint(1) not null default true, \`created_at\` datetime null default current_timestamp comment 'when it''s made', \`team_id\` int unsigned null, constraint \`user_email_unique\` unique (\`email\`), constraint \`user_team_id_foreign\` foreign key (\`team_id\`) references \`team\` (\`id\`) on delete set null) default character set utf8mb4 engine = InnoDB comment = 'people'",
          "create index \`user_created_at_index\` on \`user\` (\`created_at\`)",
        ],
        "postgresql": [
          "create table "user" ("id" serial primary key, "email" varchar(320) not null, "active" boolean not null default true, "created_at" timestamptz null default current_timestamp, "team_id" int null, constraint "user_email_unique" unique ("email"), constraint "user_team_id_foreign" foreign key ("team_id") references "team" ("id") on delete set null)",
          "create index "user_created_at_index" on "user" ("created_at")",
          "comment on table "user" is 'people'",
          "comment on column "user"."created_at" is 'when it''s made'",
        ],
        "sqlite": [
          "create table "user" ("id" integer not null primary key autoincrement, "email" varchar(320) not null, "active" integer not null default true, "created_at" datetime null default current_timestamp, "team_id" integer null, constraint "user_team_id_foreign" foreign key ("team_id") references "team" ("id") on delete set null)",
          "create unique index "user_email_unique" on "user" ("email")",
          "create index "user_created_at_index" on "user" ("created_at")",
        ],
      }
    `)
  })

  it('puts a composite primary key, named uniques and foreign keys at table level', async () => {
    const sql = await sqlFor((op) =>
      op.createTable(
        'membership',
        [
          { name: 'user_id', type: 'integer' },
          { name: 'team_id', type: 'bigint' },
          { name: 'role', type: 'string', length: 20, default: 'member' },
        ],
        {
          primaryKey: ['user_id', 'team_id'],
          uniques: [{ name: 'membership_role_uq', columns: ['team_id', 'role'] }],
          foreignKeys: [{ columns: ['user_id'], references: { table: 'user', columns: ['id'] }, onDelete: 'cascade', onUpdate: 'cascade' }],
          indexes: [{ name: 'membership_role_ix', columns: ['role'], unique: true }],
        },
      ),
    )
    expect(sql).toMatchInlineSnapshot(`
      {
        "mysql": [
          "create table \`membership\` (\`user_id\` int unsigned not null, \`team_id\` bigint unsigned not null, \`role\` varchar(20) null default 'member', primary key (\`user_id\`, \`team_id\`), constraint \`membership_role_uq\` unique (\`team_id\`, \`role\`), constraint \`membership_user_id_foreign\` foreign key (\`user_id\`) references \`user\` (\`id\`) on delete cascade on update cascade) default character set utf8mb4 engine = InnoDB",
          "create unique index \`membership_role_ix\` on \`membership\` (\`role\`)",
        ],
        "postgresql": [
          "create table "membership" ("user_id" int not null, "team_id" bigint not null, "role" varchar(20) null default 'member', primary key ("user_id", "team_id"), constraint "membership_role_uq" unique ("team_id", "role"), constraint "membership_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade on update cascade)",
          "create unique index "membership_role_ix" on "membership" ("role")",
        ],
        "sqlite": [
          "create table "membership" ("user_id" integer not null, "team_id" bigint not null, "role" varchar(20) null default 'member', primary key ("user_id", "team_id"), constraint "membership_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade on update cascade)",
          "create unique index "membership_role_uq" on "membership" ("team_id", "role")",
          "create unique index "membership_role_ix" on "membership" ("role")",
        ],
      }
    `)
  })

  it('makes non-autoincrement primary columns a table-level key', async () => {
    const sql = await sqlFor((op) => op.createTable('tag', [{ name: 'id', type: 'uuid', primary: true }, { name: 'n', type: 'integer' }]))
    expect(sql).toMatchInlineSnapshot(`
      {
        "mysql": [
          "create table \`tag\` (\`id\` varchar(36) not null, \`n\` int null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB",
        ],
        "postgresql": [
          "create table "tag" ("id" uuid not null, "n" int null, primary key ("id"))",
        ],
        "sqlite": [
          "create table "tag" ("id" text not null, "n" integer null, primary key ("id"))",
        ],
      }
    `)
  })

  it('uses bigserial and unsigned bigint for a bigint autoincrement key', async () => {
    const sql = await sqlFor((op) => op.createTable('event', [{ name: 'id', type: 'bigint', autoincrement: true }]))
    expect(sql).toMatchInlineSnapshot(`
      {
        "mysql": [
          "create table \`event\` (\`id\` bigint unsigned not null auto_increment primary key) default character set utf8mb4 engine = InnoDB",
        ],
        "postgresql": [
          "create table "event" ("id" bigserial primary key)",
        ],
        "sqlite": [
          "create table "event" ("id" integer not null primary key autoincrement)",
        ],
      }
    `)
  })

  // Expected names taken from MikroORM 6.6's own platforms' getIndexName().
  it('shortens long default names the way MikroORM does', async () => {
    const table = 'a_table_with_a_rather_long_name_for_testing'
    const sql = await sqlFor((op) => op.createTable(table, [{ name: 'a_column_with_a_long_name', type: 'integer', unique: true }]))
    expect(sql.postgresql[0]).toContain('"a_table_with_a_rather_long_name_for_testing_a_col_f5d51_unique"')
    expect(sql.mysql[0]).toContain('`a_table_with_a_rather_long_name_for_testing_a_colu_f5d51_unique`')
  })

  it.each([
    ['no columns', []],
    ['a duplicate column', [{ name: 'a', type: 'integer' }, { name: 'a', type: 'text' }]],
    ['autoincrement on text', [{ name: 'a', type: 'text', autoincrement: true }]],
    ['a nullable primary key', [{ name: 'a', type: 'integer', primary: true, nullable: true }]],
    ['default and defaultRaw', [{ name: 'a', type: 'integer', default: 1, defaultRaw: '2' }]],
    ['autoincrement in a composite key', [{ name: 'a', type: 'integer', autoincrement: true }, { name: 'b', type: 'integer', primary: true }]],
    ['a bad referential action', [{ name: 'a', type: 'integer', references: { table: 't', column: 'id', onDelete: 'drop' as never } }]],
  ])('refuses %s before any SQL runs', async (_, columns) => {
    const error = await sqlFor((op) => op.createTable('t', columns)).catch((e: unknown) => e)
    expect(isMigError(error) && error.code).toBe('BAD_OPERATION')
  })

  it('refuses constraints on unknown columns', async () => {
    const error = await sqlFor((op) => op.createTable('t', [{ name: 'a', type: 'integer' }], { indexes: [{ columns: ['b'] }] })).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: 'BAD_OPERATION', message: "createTable('t'): the index names unknown column(s) 'b'" })
  })
})

describe('dropTable and renameTable', () => {
  it('quote every name, reserved words included', async () => {
    expect(await sqlFor((op) => op.dropTable('user'))).toMatchInlineSnapshot(`
      {
        "mysql": [
          "drop table \`user\`",
        ],
        "postgresql": [
          "drop table "user"",
        ],
        "sqlite": [
          "drop table "user"",
        ],
      }
    `)
    expect(await sqlFor((op) => op.renameTable('user', 'account'))).toMatchInlineSnapshot(`
      {
        "mysql": [
          "rename table \`user\` to \`account\`",
        ],
        "postgresql": [
          "alter table "user" rename to "account"",
        ],
        "sqlite": [
          "alter table "user" rename to "account"",
        ],
      }
    `)
  })

  it('double quote characters inside names', async () => {
    expect(await sqlFor((op) => op.dropTable('we"ird`name'))).toMatchInlineSnapshot(`
      {
        "mysql": [
          "drop table \`we"ird\`\`name\`",
        ],
        "postgresql": [
          "drop table "we""ird\`name"",
        ],
        "sqlite": [
          "drop table "we""ird\`name"",
        ],
      }
    `)
  })
})
