import { verify, webcrypto } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ecdsaSignatureToDer } from './ecdsa-signature.ts'

describe('ecdsaSignatureToDer', () => {
  it.each(['P-256', 'P-384', 'P-521'] as const)(
    'turns WebCrypto r‖s on %s into DER that node verifies, and leaves DER alone',
    async (namedCurve) => {
      const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve }, true, [
        'sign',
        'verify',
      ])) as webcrypto.CryptoKeyPair
      const data = new TextEncoder().encode('Công ty TNHH Bình Minh')
      const publicKey = await webcrypto.subtle.exportKey('spki', keys.publicKey)
      const key = {
        key: Buffer.from(publicKey),
        format: 'der' as const,
        type: 'spki' as const,
        dsaEncoding: 'der' as const,
      }
      // Many signatures, so r or s with a high bit or a leading zero byte shows up.
      for (let i = 0; i < 20; i++) {
        const raw = new Uint8Array(
          await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, data),
        )
        const der = ecdsaSignatureToDer(raw)
        expect(der[0]).toBe(0x30)
        expect(verify('sha256', data, key, der)).toBe(true)
        expect(ecdsaSignatureToDer(der)).toBe(der)
      }
    },
  )

  it('refuses bytes that are neither form', () => {
    expect(() => ecdsaSignatureToDer(new Uint8Array(63))).toThrow(
      expect.objectContaining({ code: 'ECDSA_SIGNATURE_MALFORMED' }),
    )
    expect(() => ecdsaSignatureToDer(new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'ECDSA_SIGNATURE_MALFORMED' }),
    )
  })
})
