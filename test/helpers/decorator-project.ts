/**
 * A small decorator project as most MikroORM users write one, for the dev-loop and Vitest
 * tests: an ES module package, legacy decorators with `reflect-metadata` types (tsconfig's
 * `experimentalDecorators` + `emitDecoratorMetadata`), `.js` import suffixes, an abstract base
 * class, `Rel<>`/`Ref<>` relations and `Opt` (type-only names), and an imported numeric enum,
 * once with `@Enum` and once as a plain `@Property` whose column type comes only from its
 * `design:type` (Number under tsc; a per-file compiler sees the enum object).
 */
export const decoratorFiles: Readonly<Record<string, string>> = {
  'tsconfig.json': `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        skipLibCheck: true,
      },
    },
    null,
    2,
  )}\n`,
  'src/entities/base.entity.ts': `import { PrimaryKey, Property, type Opt } from '@mikro-orm/core'

export abstract class BaseEntity {
  @PrimaryKey() id!: number
  @Property() createdAt: Date & Opt = new Date()
}
`,
  'src/entities/level.ts': `export enum Level {
  Beginner = 1,
  Advanced = 2,
  Expert = 3,
}
`,
  'src/entities/author.entity.ts': `import { Collection, Entity, OneToMany, Property } from '@mikro-orm/core'
import { BaseEntity } from './base.entity.js'
import { Book } from './book.entity.js'

@Entity()
export class Author extends BaseEntity {
  @Property({ length: 100 }) name!: string
  @OneToMany(() => Book, (book) => book.author) books = new Collection<Book>(this)
}
`,
  'src/entities/book.entity.ts': `import { Entity, Enum, ManyToOne, Property, Ref, type Rel } from '@mikro-orm/core'
import { BaseEntity } from './base.entity.js'
import { Author } from './author.entity.js'
import { Level } from './level.js'

@Entity()
export class Book extends BaseEntity {
  @Property() title!: string
  @ManyToOne(() => Author) author!: Rel<Author>
  @ManyToOne(() => Author, { nullable: true, ref: true }) editor?: Ref<Author>
  @Enum(() => Level) level!: Level
  @Property({ nullable: true }) minimumLevel?: Level
  @Property() pages!: number
}
`,
  // The entity classes only: mig.config takes `Object.values()` of this module.
  'src/models.ts': `export { Author } from './entities/author.entity.js'
export { Book } from './entities/book.entity.js'
`,
}

/** A mig config for the decorator project on a SQLite file, loading reflect-metadata first as an app's entry does. */
export const decoratorConfig = `import { defineConfig } from 'mig'

export default defineConfig({
  database: 'sqlite:app.db',
  orm: async () => {
    await import('reflect-metadata')
    return { entities: Object.values(await import('./src/models.js')) }
  },
})
`

/** The edit of the dev-loop test: a new nullable column on a decorated entity. */
export function withRating(book: string): string {
  const anchor = '  @Property() pages!: number\n'
  if (!book.includes(anchor)) throw new Error('book.entity.ts no longer has the line the edit follows')
  return book.replace(anchor, `${anchor}  @Property({ nullable: true }) rating?: number\n`)
}

/** Writes the decorator project's files into a project. */
export function writeDecoratorProject(project: { write(path: string, content: string): void }): void {
  for (const [path, source] of Object.entries(decoratorFiles)) project.write(path, source)
}
