/**
 * @elc/db: one Kysely database factory for every ELC app (embedded PGlite by default, PostgreSQL
 * by URL), migrations, and the JS types every column comes back as (see type-parsers.ts).
 */

// What apps need from Kysely, so they import the same copy through us.
export {
  type ColumnType,
  type Generated,
  type Insertable,
  Kysely,
  type Migration,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely'
export {
  createDatabase,
  type Database,
  type DatabaseKind,
  type DatabaseOptions,
  type DatabaseTarget,
  resolveDatabaseTarget,
} from './create-database.ts'
export { MigrationError, migrateToLatest } from './migrate.ts'
export { PGliteDialect, type PGliteDialectConfig } from './pglite-dialect.ts'
