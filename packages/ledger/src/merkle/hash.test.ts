import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EMPTY_ROOT, hashChildren, hashEqual, hashFromHex, hashLeaf, hashToHex, isHash } from './hash.ts'
import { expectCode, fromHex, VECTORS } from './test-support.ts'

const rfc = JSON.parse(readFileSync(new URL('rfc6962-merkle.json', VECTORS), 'utf8')) as {
  leafInputs: string[]
  leafHashes: string[]
  roots: { treeSize: number; root: string }[]
}

describe('RFC 9162 hashing', () => {
  it('EMPTY_ROOT is SHA-256 of the empty string (vector root of size 0)', () => {
    expect(hashToHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(hashToHex(EMPTY_ROOT)).toBe(rfc.roots[0]?.root)
  })

  it('hashLeaf gives the vector leaf hashes for all 8 leaf inputs', () => {
    rfc.leafInputs.forEach((input, i) => {
      expect(hashToHex(hashLeaf(fromHex(input)))).toBe(rfc.leafHashes[i])
    })
  })

  it('hashChildren of the first two leaves is the vector root of size 2', () => {
    const [a = '', b = ''] = rfc.leafHashes
    expect(hashToHex(hashChildren(fromHex(a), fromHex(b)))).toBe(rfc.roots[2]?.root)
  })

  it('hashChildren = SHA-256(0x01 ‖ l ‖ r), and calls do not share output buffers', () => {
    const l = new Uint8Array(32).fill(7)
    const r = new Uint8Array(32).fill(9)
    const want = createHash('sha256').update(Uint8Array.of(1)).update(l).update(r).digest('hex')
    const h1 = hashChildren(l, r)
    const h2 = hashChildren(r, l)
    expect(hashToHex(h1)).toBe(want)
    expect(hashEqual(h1, h2)).toBe(false)
    expect(h1).toBeInstanceOf(Uint8Array)
    expect(Buffer.isBuffer(h1)).toBe(false)
  })

  it('hex helpers round-trip and refuse anything but 64 hex digits', () => {
    const h = hashLeaf(new Uint8Array([1, 2, 3]))
    expect(hashFromHex(hashToHex(h))).toEqual(h)
    expect(hashFromHex(hashToHex(h).toUpperCase())).toEqual(h)
    expectCode(() => hashFromHex('ab'), 'HASH_NOT_32_BYTES')
    expectCode(() => hashFromHex(`${hashToHex(h)}00`), 'HASH_NOT_32_BYTES')
    expectCode(() => hashFromHex(`${hashToHex(h).slice(2)}zz`), 'BAD_HEX')
    expectCode(() => hashFromHex(42 as unknown as string), 'BAD_HEX')
  })

  it('isHash accepts only 32-byte Uint8Arrays', () => {
    expect(isHash(new Uint8Array(32))).toBe(true)
    expect(isHash(Buffer.alloc(32))).toBe(true)
    expect(isHash(new Uint8Array(31))).toBe(false)
    expect(isHash(new Uint8Array(33))).toBe(false)
    expect(isHash(new Array(32).fill(0))).toBe(false)
    expect(isHash('a'.repeat(32))).toBe(false)
    expect(isHash(undefined)).toBe(false)
  })
})
