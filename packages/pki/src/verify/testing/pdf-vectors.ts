// Test-only: the CMS and signed byte ranges of each signature in a simple PDF, found by regex
// (the real PDF parser lives elsewhere).

export interface ExtractedSignature {
  cms: Uint8Array
  signedData: Uint8Array[]
  subFilter?: string
}

export function extractSignatures(pdf: Uint8Array): ExtractedSignature[] {
  const latin1 = Buffer.from(pdf).toString('latin1')
  const out: ExtractedSignature[] = []
  for (const m of latin1.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [a, b, c, d] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number]
    // The /Contents hex string fills the gap between the two ranges, angle brackets included.
    const hex = latin1.slice(a + b + 1, c - 1)
    if (!/^[0-9a-fA-F\s]*$/.test(hex) || c - 1 <= a + b + 1) continue
    // The /SubFilter nearest to this /ByteRange belongs to the same signature dictionary.
    const subFilter = [...latin1.matchAll(/\/SubFilter\s*\/([A-Za-z0-9.]+)/g)].sort(
      (x, y) => Math.abs((x.index ?? 0) - (m.index ?? 0)) - Math.abs((y.index ?? 0) - (m.index ?? 0)),
    )[0]?.[1]
    out.push({
      cms: new Uint8Array(Buffer.from(hex.replace(/\s+/g, ''), 'hex')),
      signedData: [pdf.subarray(a, a + b), pdf.subarray(c, c + d)],
      ...(subFilter ? { subFilter } : {}),
    })
  }
  return out
}
