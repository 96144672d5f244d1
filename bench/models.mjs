// Generators for the autogenerate benchmark: the same 50 models × 8 columns (a foreign key to
// the previous model, an index and a unique each) for mig, MikroORM's CLI and Flask-Migrate.
export const MODELS = 50

const name = (i) => `E${String(i).padStart(2, '0')}`

/** defineEntity models (TypeScript for mig, plain ESM for MikroORM's CLI: same content). */
export function defineEntityModels() {
  const lines = ["import { defineEntity, p } from '@mikro-orm/core'", '']
  for (let i = 0; i < MODELS; i++) {
    lines.push(`export const ${name(i)} = defineEntity({`, `  name: '${name(i)}',`, '  properties: {')
    lines.push('    id: p.integer().primary(),', '    title: p.string().length(120).index(),', '    code: p.string().length(40).unique(),')
    lines.push('    body: p.text().nullable(),', '    amount: p.decimal().nullable(),', '    active: p.boolean().default(true),', '    createdAt: p.datetime().nullable(),')
    lines.push(i === 0 ? '    rank: p.integer().nullable(),' : `    parent: () => p.manyToOne(${name(i - 1)}).nullable(),`)
    lines.push('  },', '})', '')
  }
  return lines.join('\n')
}

/** The same schema in Flask-SQLAlchemy. */
export function flaskModels() {
  const lines = [
    'import os',
    'from flask import Flask',
    'from flask_sqlalchemy import SQLAlchemy',
    'from flask_migrate import Migrate',
    '',
    'app = Flask(__name__)',
    "app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///' + os.path.abspath('app.db')",
    'db = SQLAlchemy(app)',
    'migrate = Migrate(app, db)',
    '',
  ]
  for (let i = 0; i < MODELS; i++) {
    lines.push(`class ${name(i)}(db.Model):`, `    __tablename__ = 'e${String(i).padStart(2, '0')}'`)
    lines.push('    id = db.Column(db.Integer, primary_key=True)', '    title = db.Column(db.String(120), index=True, nullable=False)')
    lines.push('    code = db.Column(db.String(40), unique=True, nullable=False)', '    body = db.Column(db.Text)', '    amount = db.Column(db.Numeric(10, 0))')
    lines.push('    active = db.Column(db.Boolean, nullable=False, default=True)', '    created_at = db.Column(db.DateTime)')
    lines.push(i === 0 ? '    rank = db.Column(db.Integer)' : `    parent_id = db.Column(db.Integer, db.ForeignKey('e${String(i - 1).padStart(2, '0')}.id'))`)
    lines.push('')
  }
  return lines.join('\n')
}
