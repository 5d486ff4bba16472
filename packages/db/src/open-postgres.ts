/**
 * A Kysely PostgresDialect over a node-postgres Pool that returns the same JavaScript types and
 * sends the same parameter text as our PGlite dialect.
 */
import { CompiledQuery, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely'
import pg from 'pg'
import { toDriverParam } from './params.ts'
import { SESSION_SETTINGS_SQL } from './session.ts'
import { pgTypesConfig } from './type-parsers.ts'

export interface PostgresDialectOptions {
  url: string
  /** search_path for every connection of this pool, already quoted. */
  searchPath?: string
  /** Pool size; pg's default is 10. */
  max?: number
  /** Called when an idle pooled connection fails (e.g. the server restarted); pg drops it. */
  onError?: (error: Error) => void
}

export function createPostgresDialect(options: PostgresDialectOptions): PostgresDialect {
  const pool = new pg.Pool({
    connectionString: options.url,
    types: pgTypesConfig,
    ...(options.max ? { max: options.max } : {}),
  })
  // Without a listener, an idle client's error would be an uncaught 'error' event and kill the process.
  pool.on('error', options.onError ?? (() => {}))
  return new PostgresDialect({
    pool: normalisingPool(pool),
    // Runs once per new physical connection, before Kysely's first query on it.
    onCreateConnection: async (connection) => {
      await connection.executeQuery(CompiledQuery.raw(SESSION_SETTINGS_SQL))
      if (options.searchPath) {
        await connection.executeQuery(
          CompiledQuery.raw(`select set_config('search_path', $1, false)`, [options.searchPath]),
        )
      }
    },
  })
}

/** Passes every parameter through `toDriverParam`, as the PGlite dialect does. */
function normalisingPool(pool: pg.Pool): PostgresPool {
  // Kysely remembers connections by client object; hand back the same wrapper for the same client.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  return {
    async connect() {
      const client = await pool.connect()
      let wrapper = wrappers.get(client)
      if (!wrapper) {
        wrapper = {
          query: (text: string, parameters: readonly unknown[]) =>
            client.query(text, parameters.map(toDriverParam)),
          release: () => client.release(),
        } as unknown as PostgresPoolClient
        wrappers.set(client, wrapper)
      }
      return wrapper
    },
    end: () => pool.end(),
  }
}
