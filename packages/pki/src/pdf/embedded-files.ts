// Embedded files (ISO 32000-1 §7.11.4): the eContract embeds the contract's structured data in the PDF
// the parties sign, and the Platform reads it back from the signed revision (R1.32).
import { inflateSync } from 'node:zlib'
import { isName, PdfStream, PdfString } from './objects.ts'
import type { PdfDocument } from './pdf-document.ts'

/** Name trees deeper than this are not what a PDF writer makes; a loop or a bomb stops here. */
const MAX_DEPTH = 16
/** The structured data is small; a stream inflating past this is refused. */
const MAX_FILE_BYTES = 16 * 1024 * 1024

/**
 * The bytes of the file `name` in the catalog's /Names /EmbeddedFiles name tree, decoded when
 * FlateDecode, or undefined when there is no such file. Walks /Names pairs and /Kids, depth-bounded.
 */
export function readEmbeddedFile(doc: PdfDocument, name: string): Uint8Array | undefined {
  const names = doc.dict(doc.dict(doc.catalog.get('Names'))?.get('EmbeddedFiles'))
  const seen = new Set<unknown>()
  const walk = (node: ReturnType<PdfDocument['dict']>, depth: number): Uint8Array | undefined => {
    if (!node || depth > MAX_DEPTH || seen.has(node)) return undefined
    seen.add(node)
    const pairs = doc.resolve(node.get('Names'))
    if (Array.isArray(pairs))
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        const key = doc.resolve(pairs[i])
        if (!(key instanceof PdfString) || Buffer.from(key.bytes).toString('latin1') !== name) continue
        const stream = doc.resolve(doc.dict(doc.dict(pairs[i + 1])?.get('EF'))?.get('F'))
        if (!(stream instanceof PdfStream)) continue
        const flate = isName(doc.resolve(stream.dict.get('Filter')), 'FlateDecode')
        return flate ? inflateSync(stream.data, { maxOutputLength: MAX_FILE_BYTES }) : stream.data
      }
    const kids = doc.resolve(node.get('Kids'))
    if (Array.isArray(kids))
      for (const kid of kids) {
        const found = walk(doc.dict(kid), depth + 1)
        if (found) return found
      }
    return undefined
  }
  return walk(names, 0)
}
