// Fetches tiles and entry bundles of a log over HTTP (the log itself or any mirror of its tiles).
import { entryBundlePath, type Tile, type TileReader, tilePath } from '../merkle/index.ts'

export type Fetch = typeof fetch

export class HttpLogClient implements TileReader {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: Fetch = fetch,
  ) {}

  private async get(path: string): Promise<Uint8Array> {
    const url = `${this.baseUrl.replace(/\/$/, '')}/${path}`
    const res = await this.fetchImpl(url)
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`)
    return new Uint8Array(await res.arrayBuffer())
  }

  async checkpoint(): Promise<string> {
    return new TextDecoder().decode(await this.get('checkpoint'))
  }

  async readTiles(tiles: readonly Tile[]): Promise<Uint8Array[]> {
    return Promise.all(
      tiles.map(async (tile) => {
        const data = await this.get(tilePath(tile))
        if (data.length !== tile.width * 32)
          throw new Error(`${tilePath(tile)}: ${data.length} bytes, expected ${tile.width * 32}`)
        return data
      }),
    )
  }

  entryBundle(n: number, width: number): Promise<Uint8Array> {
    return this.get(entryBundlePath(n, width))
  }
}
