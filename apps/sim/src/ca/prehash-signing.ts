// Signing a digest the relying application already computed (pre-hashed input), which neither WebCrypto
// nor node:crypto offers: `crypto.sign(null, digest, ecKey)` hashes the digest again (checked: its
// signature verifies as SHA-256(digest), not as SHA-256(data)). So:
// - ECDSA P-256: the FIPS 186-5 / SEC 1 signing equation on BigInt, digest truncated to the curve order's
//   bit length, result DER-encoded (ECDSA-Sig-Value). Not constant-time: acceptable for a simulator whose
//   keys sit in the clear in its database, never for a real CA (R2.33, keys in an HSM).
// - RSASSA-PSS: EMSA-PSS encoding (RFC 8017 §9.1.1, MGF1 with the digest's hash, salt length = hash
//   length) done here, then the raw RSA private operation by node:crypto (RSA_NO_PADDING).
import { constants, createHash, type KeyObject, privateEncrypt, randomBytes } from 'node:crypto'

export type DigestAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512'

export const DIGEST_LENGTHS: Record<DigestAlgorithm, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }

const NODE_HASH: Record<DigestAlgorithm, string> = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
}

// P-256 (FIPS 186-5 / SEC 2): y² = x³ − 3x + b over GF(p), base point G of prime order n.
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n
const A = P - 3n
const G: Point = {
  x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
}

type Point = { x: bigint; y: bigint } | null

function mod(a: bigint, m: bigint): bigint {
  const r = a % m
  return r < 0n ? r + m : r
}

function invert(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m]
  let [oldS, s] = [1n, 0n]
  while (r !== 0n) {
    const q = oldR / r
    ;[oldR, r] = [r, oldR - q * r]
    ;[oldS, s] = [s, oldS - q * s]
  }
  if (oldR !== 1n) throw new Error('not invertible')
  return mod(oldS, m)
}

function add(p1: Point, p2: Point): Point {
  if (!p1) return p2
  if (!p2) return p1
  let lambda: bigint
  if (p1.x === p2.x) {
    if (mod(p1.y + p2.y, P) === 0n) return null
    lambda = mod((3n * p1.x * p1.x + A) * invert(2n * p1.y, P), P)
  } else {
    lambda = mod((p2.y - p1.y) * invert(p2.x - p1.x, P), P)
  }
  const x = mod(lambda * lambda - p1.x - p2.x, P)
  return { x, y: mod(lambda * (p1.x - x) - p1.y, P) }
}

function multiply(k: bigint, point: Point): Point {
  let result: Point = null
  let addend = point
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) result = add(result, addend)
    addend = add(addend, addend)
  }
  return result
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`)
}

/** A uniformly random scalar in [1, n−1] (rejection sampling). */
function randomScalar(): bigint {
  for (;;) {
    const k = toBigInt(randomBytes(32))
    if (k > 0n && k < N) return k
  }
}

function derInteger(value: bigint): Buffer {
  let hex = value.toString(16)
  if (hex.length % 2) hex = `0${hex}`
  let bytes = Buffer.from(hex, 'hex')
  if ((bytes[0] as number) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes])
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes])
}

/** ECDSA P-256 over a pre-computed digest; `d` is the private scalar. Returns ECDSA-Sig-Value, DER. */
export function ecdsaP256SignDigest(d: bigint, digest: Uint8Array): Uint8Array {
  if (d <= 0n || d >= N) throw new Error('invalid P-256 private key')
  // e = leftmost min(256, 8·len) bits of the digest (SHA-384/512 are truncated, as openssl does).
  const e = toBigInt(digest.length > 32 ? digest.subarray(0, 32) : digest)
  for (;;) {
    const k = randomScalar()
    const kG = multiply(k, G)
    if (!kG) continue
    const r = mod(kG.x, N)
    if (r === 0n) continue
    const s = mod(invert(k, N) * (e + r * d), N)
    if (s === 0n) continue
    const body = Buffer.concat([derInteger(r), derInteger(s)])
    return new Uint8Array(Buffer.concat([Buffer.from([0x30, body.length]), body]))
  }
}

/** The private scalar of a P-256 KeyObject. */
export function ecPrivateScalar(key: KeyObject): bigint {
  const jwk = key.export({ format: 'jwk' })
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) throw new Error('not a P-256 private key')
  return toBigInt(Buffer.from(jwk.d, 'base64url'))
}

function mgf1(hash: string, seed: Uint8Array, length: number): Buffer {
  const blocks: Buffer[] = []
  for (let counter = 0, size = 0; size < length; counter++) {
    const c = Buffer.alloc(4)
    c.writeUInt32BE(counter)
    const block = createHash(hash).update(seed).update(c).digest()
    blocks.push(block)
    size += block.length
  }
  return Buffer.concat(blocks).subarray(0, length)
}

/** RSASSA-PSS over a pre-computed digest: MGF1 with the same hash, salt length = digest length. Raw bytes. */
export function rsaPssSignDigest(key: KeyObject, digest: Uint8Array, algorithm: DigestAlgorithm): Uint8Array {
  const modBits = key.asymmetricKeyDetails?.modulusLength
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss')
    throw new Error('not an RSA key')
  if (!modBits) throw new Error('RSA key without a modulus length')
  const hash = NODE_HASH[algorithm]
  const hLen = DIGEST_LENGTHS[algorithm]
  if (digest.length !== hLen) throw new Error('digest length does not match its algorithm')
  const sLen = hLen
  const emBits = modBits - 1
  const emLen = Math.ceil(emBits / 8)
  if (emLen < hLen + sLen + 2) throw new Error('RSA key too short for this digest')
  const salt = randomBytes(sLen)
  const h = createHash(hash).update(Buffer.alloc(8)).update(digest).update(salt).digest()
  const db = Buffer.concat([Buffer.alloc(emLen - sLen - hLen - 2), Buffer.from([0x01]), salt])
  const mask = mgf1(hash, h, emLen - hLen - 1)
  for (let i = 0; i < db.length; i++) db[i] = (db[i] as number) ^ (mask[i] as number)
  db[0] = (db[0] as number) & (0xff >> (8 * emLen - emBits))
  const em = Buffer.concat([db, h, Buffer.from([0xbc])])
  const k = Math.ceil(modBits / 8)
  const input = Buffer.concat([Buffer.alloc(k - em.length), em])
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, input))
}
