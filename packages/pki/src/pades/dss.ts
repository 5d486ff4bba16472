// The Document Security Store (ETSI EN 319 142-1 §5.4.2; PAdES B-LT): certificates, OCSP responses and
// CRLs that let anyone check the signatures later without going online, added as an incremental
// update. An existing DSS is extended, never replaced, and nothing is stored twice.
import { createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'
import { decodeStream } from '../pdf/filters.ts'
import { IncrementalUpdate } from '../pdf/incremental-update.ts'
import { name, PdfDict, type PdfObject, type PdfRef, PdfStream } from '../pdf/objects.ts'
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
  const read = (key: string) => {
    const items = doc.resolve(dss?.get(key))
    if (!Array.isArray(items)) return []
    return items.flatMap((item) => {
      const stream = doc.resolve(item)
      if (!(stream instanceof PdfStream)) return []
      try {
        return [decodeStream(stream)]
      } catch {
        return []
      }
    })
  }
  return { certificates: read(KEYS.certificates), ocsps: read(KEYS.ocsps), crls: read(KEYS.crls) }
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
