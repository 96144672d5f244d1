/** What mig touches of MikroORM's global decorator store (`MetadataStorage`, static). */
export interface DecoratorStore {
  getMetadataFromDecorator(target: object): object
  getMetadata(): Record<string, object>
}

const patched = new WeakSet<object>()

/**
 * Under Vite, an edited entity module runs again and declares a new class with the old name in
 * the old file. MikroORM's decorators look up their metadata by that name and file, so they add
 * to what the old class left in the global store: a removed property stays, and with no type
 * left it breaks the check ("Please provide either 'type' or 'entity'"). With this, the first
 * decorator of a new class starts from empty metadata. (Outside Vite each generation of the
 * models runs in its own worker, with its own store.)
 *
 * @example
 * freshDecoratorMetadata((await importFromProject(root, '@mikro-orm/core')).MetadataStorage)
 */
export function freshDecoratorMetadata(storage: DecoratorStore): void {
  if (patched.has(storage)) return
  patched.add(storage)
  const lookUp = storage.getMetadataFromDecorator.bind(storage)
  // Each metadata object and the class whose decorators filled it.
  const owners = new WeakMap<object, object>()
  storage.getMetadataFromDecorator = (target) => {
    let meta = lookUp(target)
    const owner = owners.get(meta)
    if (owner !== undefined && owner !== target) {
      const store = storage.getMetadata()
      for (const [key, value] of Object.entries(store)) if (value === meta) delete store[key]
      meta = lookUp(target)
    }
    owners.set(meta, target)
    return meta
  }
}
