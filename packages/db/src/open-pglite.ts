/**
 * Opens a PGlite instance configured to behave like our PostgreSQL connections: the shared type
 * parsers, a bytea serialiser that takes the hex text pg accepts, and the pinned session settings.
 */
import { PGlite } from '@electric-sql/pglite'
import { byteaHex } from './params.ts'
import { SESSION_SETTINGS_SQL } from './session.ts'
import { getTypeParser, OID, oidsToAlign } from './type-parsers.ts'

export interface OpenPGliteOptions {
  /** Directory for a file-backed database; omit for an in-memory one. */
  dataDir?: string
  /** A data directory tarball (from `dumpDataDir`) to start from instead of running initdb. */
  loadDataDir?: Blob
}

export async function openPGlite(options: OpenPGliteOptions = {}): Promise<PGlite> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    serializers: {
      // PGlite's own bytea serialiser rejects text; pg accepts '\x…' text, so accept both.
      [OID.BYTEA]: (value: unknown) => (value instanceof Uint8Array ? byteaHex(value) : String(value)),
    },
  })
  // After create: PGlite registers a parser for every array type during start-up, which would
  // override parsers passed as options.
  for (const oid of oidsToAlign(Object.keys(pglite.parsers))) {
    pglite.parsers[oid] = getTypeParser(oid)
  }
  await pglite.query(SESSION_SETTINGS_SQL)
  return pglite
}
