/**
 * Runs an app's migrations with Kysely's Migrator, the same SQL on PGlite and PostgreSQL.
 */
import {
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResult,
  Migrator,
  sql,
} from 'kysely'

export class MigrationError extends Error {
  readonly code = 'DB_MIGRATION_FAILED'
  /** The migration that failed, when one did (not when, say, the lock could not be taken). */
  readonly migrationName: string | undefined
  readonly results: readonly MigrationResult[]

  constructor(migrationName: string | undefined, results: readonly MigrationResult[], cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(
      migrationName
        ? `Migration "${migrationName}" failed and was rolled back: ${reason}`
        : `Migrating failed: ${reason}`,
      { cause },
    )
    this.name = 'MigrationError'
    this.migrationName = migrationName
    this.results = results
  }
}

/**
 * Applies every pending migration, in name order, in one transaction; running it again is a
 * no-op. Throws MigrationError on failure, leaving the database as it was.
 *
 * Returns the names of the migrations applied by this call.
 */
export async function migrateToLatest<DB>(
  database: Kysely<DB>,
  migrations: Record<string, Migration>,
  /**
   * A module that shares a database with others (the ledger, sign-in) keeps its own bookkeeping table,
   * `kysely_migration_<module>`, so each module's list of migrations stays complete on its own.
   */
  options: { module?: string } = {},
): Promise<string[]> {
  // Migrations are written against an unknown schema; the app's table types do not apply here.
  const db = database as unknown as Kysely<unknown>
  // Pin Kysely's bookkeeping tables to the schema the migrations themselves create tables in.
  // Without it the Migrator looks for `kysely_migration` in every schema, finds another schema's
  // copy (e.g. a parallel test suite's), and then fails to query its own.
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)
  const schema = rows[0]?.schema
  if (!schema) throw new MigrationError(undefined, [], new Error('no schema on the search_path exists'))

  const provider: MigrationProvider = { getMigrations: async () => migrations }
  const suffix = options.module ? `_${options.module.replace(/[^a-z0-9_]/g, '_')}` : ''
  const migrator = new Migrator({
    db,
    provider,
    migrationTableSchema: schema,
    migrationTableName: `kysely_migration${suffix}`,
    migrationLockTableName: `kysely_migration_lock${suffix}`,
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')
    throw new MigrationError(failed?.migrationName, results, error)
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName)
}
