// Signature placeholders end in kilobytes of padding (zero bytes, or "0" digits in hex): finding where
// the padding starts natively, block by block, spares the byte-at-a-time work on it.

const BLOCKS = [4096, 256]
const FILLS = new Map<number, Buffer>()

function fill(value: number): Buffer {
  let block = FILLS.get(value)
  if (!block) {
    block = Buffer.alloc(BLOCKS[0] as number, value)
    FILLS.set(value, block)
  }
  return block
}

/** How many bytes at the end of `bytes[start, end)` equal `value`. */
export function trailingRun(bytes: Uint8Array, start: number, end: number, value: number): number {
  const full = fill(value)
  let at = end
  for (const size of BLOCKS) {
    while (at - start >= size) {
      const part = Buffer.from(bytes.buffer, bytes.byteOffset + at - size, size)
      if (Buffer.compare(part, full.subarray(0, size)) !== 0) break
      at -= size
    }
  }
  while (at > start && bytes[at - 1] === value) at--
  return end - at
}

/** Whether every byte of `bytes[start, end)` equals `value`. */
export function allEqual(bytes: Uint8Array, start: number, end: number, value: number): boolean {
  return trailingRun(bytes, start, end, value) === end - start
}
