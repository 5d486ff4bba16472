/**
 * @elc/db/testing: run repository and service suites against embedded PGlite and, when
 * DATABASE_URL names one, PostgreSQL, each suite in a schema of its own.
 */
export {
  availableDatabaseKinds,
  type DatabaseTestContext,
  type DescribeEachDatabaseOptions,
  describeEachDatabase,
  postgresTestUrl,
} from './describe-each-database.ts'
export { openHandle } from './open-handle.ts'
export { sharedPGlite, sharedPGliteStartup } from './shared-pglite.ts'
