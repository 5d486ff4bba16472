/**
 * A Kysely dialect for embedded PGlite.
 *
 * PGlite is one PostgreSQL backend running one query at a time, so it is one connection. Kysely
 * hands a connection to each query or transaction; here every hand-out takes a mutex that is shared
 * by all dialects over the same PGlite instance, so a transaction keeps the backend to itself from
 * BEGIN to COMMIT/ROLLBACK and queries from elsewhere wait instead of landing inside it.
 */
import type { PGlite, Results } from '@electric-sql/pglite'
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'
import { Mutex } from './mutex.ts'
import { toDriverParam } from './params.ts'

export interface PGliteDialectConfig {
  pglite: PGlite
  /**
   * search_path for this dialect's queries, already quoted (e.g. `"suite_1"`). Dialects sharing
   * one PGlite can each have their own; it is set whenever the backend changes hands.
   */
  searchPath?: string
  /** Close the PGlite instance when Kysely is destroyed; false when the instance is shared. */
  closeOnDestroy?: boolean
}

/** PostgreSQL's own default, restored for dialects that did not ask for another. */
const DEFAULT_SEARCH_PATH = '"$user", public'

interface SharedBackend {
  mutex: Mutex
  /** search_path the session currently has; only read or written while holding the mutex. */
  searchPath: string
}

// Keyed by instance so that two dialects over one PGlite can never hold two different mutexes.
const backends = new WeakMap<PGlite, SharedBackend>()

function backendOf(pglite: PGlite): SharedBackend {
  let backend = backends.get(pglite)
  if (!backend) {
    backend = { mutex: new Mutex(), searchPath: DEFAULT_SEARCH_PATH }
    backends.set(pglite, backend)
  }
  return backend
}

export class PGliteDialect implements Dialect {
  readonly #config: PGliteDialectConfig

  constructor(config: PGliteDialectConfig) {
    this.#config = config
  }

  createDriver(): Driver {
    return new PGliteDriver(this.#config)
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler()
  }
  createAdapter(): DialectAdapter {
    return new PostgresAdapter()
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db)
  }
}

class PGliteDriver implements Driver {
  readonly #pglite: PGlite
  readonly #backend: SharedBackend
  readonly #searchPath: string
  readonly #closeOnDestroy: boolean

  constructor(config: PGliteDialectConfig) {
    this.#pglite = config.pglite
    this.#backend = backendOf(config.pglite)
    this.#searchPath = config.searchPath ?? DEFAULT_SEARCH_PATH
    this.#closeOnDestroy = config.closeOnDestroy ?? false
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const unlock = await this.#backend.mutex.lock()
    try {
      // Set outside any transaction (we hold the backend, and releases end stray transactions),
      // so a later ROLLBACK cannot undo it.
      if (this.#backend.searchPath !== this.#searchPath) {
        await this.#pglite.query(`select set_config('search_path', $1, false)`, [this.#searchPath])
        this.#backend.searchPath = this.#searchPath
      }
    } catch (error) {
      unlock()
      throw error
    }
    return new PGliteConnection(this.#pglite, unlock)
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let text = 'begin'
    if (settings.isolationLevel || settings.accessMode) {
      text = 'start transaction'
      if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`
      if (settings.accessMode) text += ` ${settings.accessMode}`
    }
    await connection.executeQuery(CompiledQuery.raw(text))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`))
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdent(name)}`))
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdent(name)}`))
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).release()
  }

  async destroy(): Promise<void> {
    if (!this.#closeOnDestroy || this.#pglite.closed) return
    // Wait for in-flight queries and transactions to finish before closing the backend.
    const unlock = await this.#backend.mutex.lock()
    try {
      if (!this.#pglite.closed) await this.#pglite.close()
    } finally {
      unlock()
    }
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite
  #unlock: (() => void) | undefined

  constructor(pglite: PGlite, unlock: () => void) {
    this.#pglite = pglite
    this.#unlock = unlock
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // A connection used after release would run inside someone else's turn on the backend.
    if (!this.#unlock) throw new Error('PGlite connection used after it was released')
    const { sql, parameters } = compiledQuery
    // Like node-postgres: without parameters use the simple protocol, which accepts several
    // statements in one string (common in migrations) and then reports no rows.
    let result: Results<R> | undefined
    if (parameters.length === 0) {
      const results = await this.#pglite.exec(sql)
      result = results.length === 1 ? (results[0] as Results<R>) : undefined
    } else {
      result = await this.#pglite.query<R>(sql, parameters.map(toDriverParam))
    }
    if (!result) return { rows: [] }
    const changesRows =
      result.command === 'INSERT' ||
      result.command === 'UPDATE' ||
      result.command === 'DELETE' ||
      result.command === 'MERGE'
    return {
      rows: result.rows,
      numAffectedRows: changesRows ? BigInt(result.affectedRows ?? 0) : undefined,
    }
  }

  /** PGlite has no cursors over this API: the result is read whole, then yielded in chunks. */
  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 100,
  ): AsyncIterableIterator<QueryResult<R>> {
    if (!Number.isInteger(chunkSize) || chunkSize <= 0)
      throw new Error('chunkSize must be a positive integer')
    const { rows } = await this.executeQuery<R>(compiledQuery)
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) }
  }

  async release(): Promise<void> {
    const unlock = this.#unlock
    if (!unlock) return
    this.#unlock = undefined
    try {
      // A raw `begin` without its `commit` (pg would strand it on one pooled connection) must not
      // leak into the next holder's queries: end it here.
      if (this.#pglite.isInTransaction()) await this.#pglite.query('rollback')
    } finally {
      unlock()
    }
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
