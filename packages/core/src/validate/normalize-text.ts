// Unicode NFC at the boundary: Vietnamese typed on some keyboards arrives decomposed (NFD), which
// breaks comparison, hashing and PDF rendering. We normalise and report where it happened.

/** Returns a deep copy with every string in NFC, and the JSON pointers of the strings that changed. */
export function normalizeText(value: unknown): { value: unknown; changed: string[] } {
  const changed: string[] = []
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      const nfc = v.normalize('NFC')
      if (nfc !== v) changed.push(path)
      return nfc
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${path}/${i}`))
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      // defineProperty, not assignment: a key named "__proto__" must stay a field, never become a prototype.
      for (const [k, item] of Object.entries(v))
        Object.defineProperty(out, k.normalize('NFC'), {
          value: walk(item, `${path}/${escapePointer(k)}`),
          enumerable: true,
          writable: true,
          configurable: true,
        })
      return out
    }
    return v
  }
  return { value: walk(value, ''), changed }
}

export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1')
}
