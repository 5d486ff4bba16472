import type { Tlv } from '../der.ts'

/** The i-th element, or a test failure when it is missing. */
export function nth(list: readonly Tlv[], i: number): Tlv {
  const item = list.at(i)
  if (!item) throw new Error(`no element ${i} (of ${list.length})`)
  return item
}
