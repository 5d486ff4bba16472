// Writes PDF objects as bytes (ISO 32000-1 §7.3). Used for new and rewritten objects in incremental
// updates; what was already in a file is never re-serialised.
import { PdfDict, PdfName, type PdfObject, PdfRaw, PdfRef, PdfStream, PdfString } from './objects.ts'

const REGULAR = /^[!-~]$/
const DELIMITERS = new Set([...'()<>[]{}/%#'])

function nameBytes(value: string): string {
  let out = '/'
  for (const ch of value) {
    const code = ch.charCodeAt(0)
    out += code > 0xff || !REGULAR.test(ch) || DELIMITERS.has(ch) ? escapeByte(code & 0xff) : ch
  }
  return out
}

const escapeByte = (b: number) => `#${b.toString(16).padStart(2, '0')}`

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`PDF numbers are finite, got ${value}`)
  if (Number.isInteger(value)) return String(value)
  // Reals never in exponent form (§7.3.3); six decimals is finer than any PDF unit needs.
  return value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '')
}

function stringText(value: PdfString): string {
  const b = Buffer.from(value.bytes)
  if (value.hex) return `<${b.toString('hex').toUpperCase()}>`
  let out = '('
  for (const byte of b) {
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`
    else if (byte === 0x0d) out += '\\r'
    else if (byte === 0x0a) out += '\\n'
    else out += String.fromCharCode(byte)
  }
  return `${out})`
}

/** Serialises one object; chunks are collected so streams and raw bytes are not copied into strings. */
function write(value: PdfObject, out: Buffer[]): void {
  if (value === null) out.push(Buffer.from('null'))
  else if (typeof value === 'boolean') out.push(Buffer.from(value ? 'true' : 'false'))
  else if (typeof value === 'number') out.push(Buffer.from(numberText(value)))
  else if (value instanceof PdfName) out.push(Buffer.from(nameBytes(value.value), 'latin1'))
  else if (value instanceof PdfString) out.push(Buffer.from(stringText(value), 'latin1'))
  else if (value instanceof PdfRef) out.push(Buffer.from(`${value.num} ${value.gen} R`))
  else if (value instanceof PdfRaw) out.push(Buffer.from(value.bytes))
  else if (Array.isArray(value)) {
    out.push(Buffer.from('['))
    value.forEach((item, i) => {
      if (i > 0) out.push(Buffer.from(' '))
      write(item, out)
    })
    out.push(Buffer.from(']'))
  } else if (value instanceof PdfDict) {
    out.push(Buffer.from('<<'))
    for (const [key, item] of value.entries) {
      out.push(Buffer.from(nameBytes(key), 'latin1'), Buffer.from(' '))
      write(item, out)
      out.push(Buffer.from('\n'))
    }
    out.push(Buffer.from('>>'))
  } else if (value instanceof PdfStream) {
    const dict = value.dict.clone().set('Length', value.data.length)
    write(dict, out)
    out.push(Buffer.from('\nstream\n'), Buffer.from(value.data), Buffer.from('\nendstream'))
  } else throw new TypeError('not a PDF object')
}

export function serializeObject(value: PdfObject): Buffer {
  const out: Buffer[] = []
  write(value, out)
  return Buffer.concat(out)
}

/** `N G obj … endobj` with a trailing newline. */
export function serializeIndirect(ref: PdfRef, value: PdfObject): Buffer {
  return Buffer.concat([
    Buffer.from(`${ref.num} ${ref.gen} obj\n`),
    serializeObject(value),
    Buffer.from('\nendobj\n'),
  ])
}
