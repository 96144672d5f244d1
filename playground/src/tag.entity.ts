import { Entity, Enum, PrimaryKey, Property, type Opt } from '@mikro-orm/core'

export enum Color {
  Grey = 'grey',
  Green = 'green',
  Red = 'red',
}

// The decorator style most MikroORM projects use, beside the defineEntity models in models.ts:
// the column types come from the TypeScript types (reflect-metadata).
@Entity()
export class Tag {
  @PrimaryKey() id!: number
  @Property({ length: 40, unique: true }) label!: string
  @Enum(() => Color) color: Color & Opt = Color.Grey
  @Property() createdAt: Date & Opt = new Date()
}
