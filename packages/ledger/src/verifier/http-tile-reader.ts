// Fetches tiles and entry bundles of a log over HTTP (the log itself or any mirror of its tiles).
import { entryBundlePath, MerkleError, type Tile, type TileReader, tilePath } from '../merkle/index.ts'

export type Fetch = typeof fetch

/**
 * The log could not be read (network error, HTTP error status). Kept apart from bad data so a monitor
 * reports a transient outage as LOG_UNREACHABLE instead of as a fork or a tampered entry.
 */
export class LogFetchError extends Error {
  readonly code = 'LOG_FETCH_FAILED'
}

export class HttpLogClient implements TileReader {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: Fetch = fetch,
  ) {}

  private async get(path: string): Promise<Uint8Array> {
    const url = `${this.baseUrl.replace(/\/$/, '')}/${path}`
    let res: Response
    let body: ArrayBuffer
    try {
      res = await this.fetchImpl(url)
      body = await res.arrayBuffer()
    } catch (e) {
      throw new LogFetchError(`GET ${url}: ${(e as Error).message}`, { cause: e })
    }
    if (!res.ok) throw new LogFetchError(`GET ${url}: HTTP ${res.status}`)
    return new Uint8Array(body)
  }

  async checkpoint(): Promise<string> {
    return new TextDecoder().decode(await this.get('checkpoint'))
  }

  async readTiles(tiles: readonly Tile[]): Promise<Uint8Array[]> {
    return Promise.all(
      tiles.map(async (tile) => {
        const data = await this.get(tilePath(tile))
        // A MerkleError, as TileHashReader's own check: the log served bad data, it is not unreachable.
        if (data.length !== tile.width * 32)
          throw new MerkleError(
            'TILE_WRONG_LENGTH',
            `ô ${tilePath(tile)} dài ${data.length} byte, cần ${tile.width * 32}`,
            `${tilePath(tile)}: ${data.length} bytes, expected ${tile.width * 32}`,
          )
        return data
      }),
    )
  }

  entryBundle(n: number, width: number): Promise<Uint8Array> {
    return this.get(entryBundlePath(n, width))
  }
}
