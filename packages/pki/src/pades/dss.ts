// The Document Security Store (ETSI EN 319 142-1 §5.4.2; PAdES B-LT): certificates, OCSP responses and
// CRLs that let anyone check the signatures later without going online, added as an incremental
// update. An existing DSS is extended, never replaced, and nothing is stored twice.
import { createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import { decodeStream } from '../pdf/filters.ts'
import { IncrementalUpdate } from '../pdf/incremental-update.ts'
import { isName, name, PdfDict, type PdfObject, type PdfRef, PdfStream } from '../pdf/objects.ts'
import { PdfDocument } from '../pdf/pdf-document.ts'

export interface ValidationData {
  certificates: Uint8Array[]
  ocsps: Uint8Array[]
  crls: Uint8Array[]
}

const KEYS = { certificates: 'Certs', ocsps: 'OCSPs', crls: 'CRLs' } as const

/** The validation data already in a document's DSS. */
export function readDss(doc: PdfDocument): ValidationData {
  const dss = doc.dict(doc.catalog.get('DSS'))
  return {
    certificates: readItems(doc, dss, KEYS.certificates),
    ocsps: readItems(doc, dss, KEYS.ocsps),
    crls: readItems(doc, dss, KEYS.crls),
  }
}

function readItems(doc: PdfDocument, dss: PdfDict | undefined, key: string): Uint8Array[] {
  const items = doc.resolve(dss?.get(key))
  if (!Array.isArray(items)) return []
  const out: Uint8Array[] = []
  for (const item of items) {
    const stream = doc.resolve(item)
    if (!(stream instanceof PdfStream)) continue
    try {
      out.push(decodeDssStream(stream))
    } catch {}
  }
  return out
}

// The CA, TSA and employer entries recur in every contract's DSS: each plain Flate stream is inflated
// once and the same array then finds its parsed certificate or response. A stream is recognised by
// its bytes, looked up by their end (Flate ends with a checksum of the content) and compared in full.
const decoded = new Map<string, { encoded: Uint8Array; data: Uint8Array }>()
const MAX_DECODED = 2048
const MAX_CACHED_BYTES = 256 * 1024
const TAIL = 16

function decodeDssStream(stream: PdfStream): Uint8Array {
  const encoded = stream.data
  if (
    !isName(stream.dict.get('Filter'), 'FlateDecode') ||
    stream.dict.has('DecodeParms') ||
    encoded.length > MAX_CACHED_BYTES
  )
    return decodeStream(stream)
  const from = Math.max(0, encoded.length - TAIL)
  const tail = Buffer.from(encoded.buffer, encoded.byteOffset + from, encoded.length - from)
  const key = `${encoded.length}:${tail.toString('latin1')}`
  const hit = decoded.get(key)
  if (hit && Buffer.compare(hit.encoded, encoded) === 0) return hit.data
  const data = decodeStream(stream)
  if (data.length > MAX_CACHED_BYTES) return data
  if (decoded.size >= MAX_DECODED) decoded.clear()
  // A copy: the stream's bytes are a view of the whole file.
  decoded.set(key, { encoded: new Uint8Array(encoded), data })
  return data
}

export function addValidationData(pdf: Uint8Array, data: ValidationData): Buffer {
  const doc = PdfDocument.parse(pdf)
  const update = new IncrementalUpdate(doc)
  const catalog = doc.catalog.clone()
  const old = doc.dict(catalog.get('DSS'))
  const dss = old ? old.clone() : new PdfDict({ Type: name('DSS') })
  const existing = readDss(doc)
  for (const kind of ['certificates', 'ocsps', 'crls'] as const) {
    const key = KEYS[kind]
    const seen = new Set(existing[kind].map(fingerprint))
    const current = doc.resolve(dss.get(key))
    const refs: PdfObject[] = Array.isArray(current) ? [...current] : []
    for (const der of data[kind]) {
      const fp = fingerprint(der)
      if (seen.has(fp)) continue
      seen.add(fp)
      refs.push(streamOf(update, der))
    }
    if (refs.length) dss.set(key, refs)
  }
  catalog.set('DSS', update.add(dss))
  // The ESIC extension announces PAdES validation data to readers (ETSI EN 319 142-1 §5.4.2.1).
  const extensions = doc.dict(catalog.get('Extensions'))?.clone() ?? new PdfDict()
  extensions.set('ESIC', new PdfDict({ BaseVersion: name('1.7'), ExtensionLevel: 5 }))
  catalog.set('Extensions', extensions)
  update.set(doc.catalogRef, catalog)
  return update.write().bytes
}

function streamOf(update: IncrementalUpdate, der: Uint8Array): PdfRef {
  return update.add(new PdfStream(new PdfDict({ Filter: name('FlateDecode') }), deflateSync(der)))
}

const fingerprint = (der: Uint8Array) => createHash('sha256').update(der).digest('hex')
