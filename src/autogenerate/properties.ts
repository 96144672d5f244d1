import type { EntityMetadata, EntityProperty, MikroORM } from '@mikro-orm/core'

/**
 * The model property behind each column of the target schema, reduced to what decides the
 * neutral column type. MikroORM's target columns already carry the dialect's type (`text` for a
 * string on SQLite, `integer` for a boolean), which would make a revision generated on SQLite
 * wrong on PostgreSQL; the property still says `string(128)` or `boolean`.
 */
export interface PropertyType {
  /** The property's type name as the model gives it: `string`, `Date`, `DecimalType`, `Author`... */
  readonly name: string
  readonly enum: boolean
  /** An enum's values (strings make a string enum; numbers a numeric one, stored as a tinyint). */
  readonly items?: readonly unknown[]
}

/** `(table, column) → PropertyType`, or undefined for columns no property declares. */
export type PropertyLookup = (table: string, column: string) => PropertyType | undefined

/**
 * Indexes every column of the models by table and column name. A relation's column gets the
 * type of the key it points at (following chains of relations).
 *
 * @example
 * const lookup = propertyLookup(orm)
 * lookup('book', 'author_id') // { name: 'integer', enum: false } — Author's primary key
 */
export function propertyLookup(orm: MikroORM): PropertyLookup {
  const metas = Object.values(orm.getMetadata().getAll()) as EntityMetadata[]
  const byTable = new Map<string, EntityMetadata>()
  for (const meta of metas) if (meta.collection && !meta.embeddable && !meta.virtual) byTable.set(meta.collection, meta)

  const resolve = (meta: EntityMetadata, column: string, depth: number): PropertyType | undefined => {
    for (const prop of meta.props as EntityProperty[]) {
      const index = prop.fieldNames?.indexOf(column) ?? -1
      if (index < 0) continue
      if (prop.kind === 'scalar' || prop.kind === 'embedded') {
        return { name: typeName(prop), enum: prop.enum === true, ...(prop.enum && prop.items ? { items: prop.items } : {}) }
      }
      // A relation column: the type of the referenced key, unless the chain loops.
      const target = prop.targetMeta
      const referenced = prop.referencedColumnNames?.[index]
      if (!target || !referenced || depth > 8) return undefined
      return resolve(target, referenced, depth + 1)
    }
    return undefined
  }

  return (table, column) => {
    const meta = byTable.get(table) ?? byTable.get(table.replace(/^[^.]+\./, ''))
    return meta ? resolve(meta, column, 0) : undefined
  }
}

function typeName(prop: EntityProperty): string {
  const custom = prop.customType?.constructor?.name
  // A user's own Type subclass says nothing portable; its column type is what counts.
  if (custom && custom !== 'Type' && /^[A-Z]\w*Type$/.test(custom) && isBuiltInType(custom)) return custom
  return String(prop.type ?? '')
}

const BUILT_IN_TYPES = new Set([
  'IntegerType', 'SmallIntType', 'TinyIntType', 'MediumIntType', 'BigIntType', 'StringType', 'TextType', 'BooleanType',
  'FloatType', 'DoubleType', 'DecimalType', 'DateType', 'TimeType', 'DateTimeType', 'JsonType', 'UuidType', 'BlobType',
  'Uint8ArrayType', 'EnumType', 'CharacterType', 'ArrayType', 'EnumArrayType', 'IntervalType', 'UnknownType',
])

function isBuiltInType(name: string): boolean {
  return BUILT_IN_TYPES.has(name)
}
