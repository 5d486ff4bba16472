// Certificate serial numbers: 127 random bits (RFC 5280 §4.1.2.2 wants positive and at most 20
// octets; CA/B Forum wants at least 64 bits of randomness), kept as canonical lowercase hex.
import { randomBytes } from 'node:crypto'

export function randomSerialHex(): string {
  const bytes = randomBytes(16)
  // Top bit clear keeps the INTEGER positive; a non-zero first byte keeps the DER minimal.
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01
  return bytes.toString('hex')
}

/**
 * The one spelling of a serial used as a database key: lowercase hex, no leading zero octets,
 * even length. Accepts hex (with or without colons/0x), a bigint or the INTEGER's bytes.
 * Returns undefined for anything that is not a positive serial.
 */
export function canonicalSerial(serial: string | bigint | Uint8Array): string | undefined {
  let value: bigint
  if (typeof serial === 'bigint') value = serial
  else if (typeof serial === 'string') {
    const hex = serial.trim().replace(/^0x/i, '').replace(/:/g, '')
    if (!/^[0-9a-fA-F]{1,80}$/.test(hex)) return undefined
    value = BigInt(`0x${hex}`)
  } else {
    if (serial.length === 0 || serial.length > 40) return undefined
    value = BigInt(`0x${Buffer.from(serial).toString('hex')}`)
  }
  if (value <= 0n) return undefined
  const hex = value.toString(16)
  return hex.length % 2 === 0 ? hex : `0${hex}`
}
