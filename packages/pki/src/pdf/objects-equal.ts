// Structural equality of PDF objects: what the modification check uses to tell a rewritten-but-same
// object from a changed one.
import { PdfDict, PdfName, type PdfObject, PdfRaw, PdfRef, PdfStream, PdfString } from './objects.ts'

export function objectsEqual(a: PdfObject | undefined, b: PdfObject | undefined, depth = 0): boolean {
  if (depth > 64) return false
  if (a === b) return true
  if (a === undefined || b === undefined || a === null || b === null) return false
  if (typeof a !== 'object' || typeof b !== 'object') return false
  if (a instanceof PdfName) return b instanceof PdfName && a.value === b.value
  if (a instanceof PdfString) return b instanceof PdfString && sameBytes(a.bytes, b.bytes)
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen
  if (a instanceof PdfRaw) return b instanceof PdfRaw && sameBytes(a.bytes, b.bytes)
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => objectsEqual(x, b[i], depth + 1))
  if (a instanceof PdfStream)
    return b instanceof PdfStream && objectsEqual(a.dict, b.dict, depth + 1) && sameBytes(a.data, b.data)
  if (a instanceof PdfDict) {
    if (!(b instanceof PdfDict) || a.entries.size !== b.entries.size) return false
    for (const [key, value] of a.entries) if (!objectsEqual(value, b.get(key), depth + 1)) return false
    return true
  }
  return false
}

/** The keys whose values differ between two dictionaries (added, removed or changed). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0
}

export function changedKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.entries.keys(), ...b.entries.keys()])
  return [...keys].filter((k) => !objectsEqual(a.get(k), b.get(k)))
}
