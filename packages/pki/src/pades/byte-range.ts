// The ByteRange checks of a signature (ISO 32000-1 §12.8.1, ETSI EN 319 142-1 §5.1): two ranges from
// the start of the file, the gap between them exactly the /Contents hex string, the signed part
// ending where a revision ends. Each anomaly has its own code so a report says what is wrong.
import type { PdfObject } from '../pdf/objects.ts'
import type { Revision } from '../pdf/pdf-document.ts'

export type ByteRangeProblem =
  | 'BYTERANGE_MALFORMED'
  | 'BYTERANGE_NOT_FROM_START'
  | 'BYTERANGE_OVERLAP_OR_ORDER'
  | 'BYTERANGE_BEYOND_FILE'
  | 'BYTERANGE_GAP_NOT_CONTENTS'
  | 'BYTERANGE_TAIL_UNCOVERED'

export type ByteRangeCheck =
  | { ok: true; range: [number, number, number, number]; signedEnd: number; revision: number }
  | { ok: false; problem: ByteRangeProblem }

const HEX = /^[0-9A-Fa-f]*$/

export function checkByteRange(
  byteRange: PdfObject,
  contents: Uint8Array,
  bytes: Uint8Array,
  revisions: readonly Revision[],
): ByteRangeCheck {
  if (
    !Array.isArray(byteRange) ||
    byteRange.length !== 4 ||
    !byteRange.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)
  )
    return { ok: false, problem: 'BYTERANGE_MALFORMED' }
  const [a, b, c, d] = byteRange as [number, number, number, number]
  if (a !== 0) return { ok: false, problem: 'BYTERANGE_NOT_FROM_START' }
  if (b >= c || b === 0 || d === 0) return { ok: false, problem: 'BYTERANGE_OVERLAP_OR_ORDER' }
  if (c + d > bytes.length) return { ok: false, problem: 'BYTERANGE_BEYOND_FILE' }
  // The gap must be `<hex>` and nothing else, and the hex must be the /Contents we were given.
  const gap = Buffer.from(bytes.buffer, bytes.byteOffset + b, c - b).toString('latin1')
  if (gap[0] !== '<' || gap[gap.length - 1] !== '>' || !HEX.test(gap.slice(1, -1)))
    return { ok: false, problem: 'BYTERANGE_GAP_NOT_CONTENTS' }
  const hex = gap.slice(1, -1)
  if (hex.length !== contents.length * 2 || !Buffer.from(hex, 'hex').equals(Buffer.from(contents)))
    return { ok: false, problem: 'BYTERANGE_GAP_NOT_CONTENTS' }
  const signedEnd = c + d
  const revision = revisions.findIndex((r) => signedEnd >= r.eof && signedEnd <= r.end)
  if (revision < 0) return { ok: false, problem: 'BYTERANGE_TAIL_UNCOVERED' }
  return { ok: true, range: [a, b, c, d], signedEnd, revision }
}
