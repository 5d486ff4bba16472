// The ByteRange checks of a signature (ISO 32000-1 §12.8.1, ETSI EN 319 142-1 §5.1): two ranges from
// the start of the file, the gap between them exactly the /Contents hex string, the signed part
// ending where a revision ends. Each anomaly has its own code so a report says what is wrong.

import { allEqual, trailingRun } from '../pdf/byte-runs.ts'
import { hexSourceOf } from '../pdf/object-parser.ts'
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

const NIBBLE = new Int8Array(256).fill(-1)
for (let i = 0; i < 10; i++) NIBBLE[0x30 + i] = i
for (let i = 0; i < 6; i++) {
  NIBBLE[0x41 + i] = 10 + i
  NIBBLE[0x61 + i] = 10 + i
}

/** The gap is `<`, hex digits that decode to exactly `contents`, `>`. */
function gapIsContents(gap: Uint8Array, contents: Uint8Array): boolean {
  if (gap[0] !== 0x3c || gap[gap.length - 1] !== 0x3e || gap.length - 2 !== contents.length * 2) return false
  // Decoded from these very bytes: nothing to compare.
  const source = hexSourceOf(contents)
  if (
    source &&
    source.bytes.buffer === gap.buffer &&
    source.bytes.byteOffset + source.start === gap.byteOffset &&
    source.end - source.start === gap.length
  )
    return true
  // Signers write hex in one case, then pad with zeros: the padding is compared as "00" runs and the
  // rest natively; byte by byte only for mixed case.
  const padding = trailingRun(contents, 0, contents.length, 0)
  const head = contents.length - padding
  if (allEqual(gap, 1 + 2 * head, gap.length - 1, 0x30)) {
    const hex = Buffer.from(contents.buffer, contents.byteOffset, head).toString('hex')
    const inner = Buffer.from(gap.buffer, gap.byteOffset + 1, 2 * head)
    if (inner.equals(Buffer.from(hex, 'latin1')) || inner.equals(Buffer.from(hex.toUpperCase(), 'latin1')))
      return true
  }
  for (let i = 0; i < contents.length; i++) {
    const hi = NIBBLE[gap[1 + 2 * i] as number] as number
    const lo = NIBBLE[gap[2 + 2 * i] as number] as number
    if (hi < 0 || lo < 0 || ((hi << 4) | lo) !== contents[i]) return false
  }
  return true
}

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
  if (!gapIsContents(bytes.subarray(b, c), contents))
    return { ok: false, problem: 'BYTERANGE_GAP_NOT_CONTENTS' }
  const signedEnd = c + d
  const revision = revisions.findIndex((r) => signedEnd >= r.eof && signedEnd <= r.end)
  if (revision < 0) return { ok: false, problem: 'BYTERANGE_TAIL_UNCOVERED' }
  return { ok: true, range: [a, b, c, d], signedEnd, revision }
}
