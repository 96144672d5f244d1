import { defineEntity, p } from '@mikro-orm/core'

export const Author = defineEntity({
  name: 'Author',
  properties: {
    id: p.integer().primary(),
    name: p.string().length(100),
  },
})

export const Note = defineEntity({
  name: 'Note',
  properties: {
    id: p.integer().primary(),
    title: p.string().length(200),
    done: p.boolean().default(false),
    author: () => p.manyToOne(Author).nullable(),
  },
})
