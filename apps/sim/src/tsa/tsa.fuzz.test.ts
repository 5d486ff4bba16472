import * as asn1js from 'asn1js'
import fc from 'fast-check'
import * as pkijs from 'pkijs'
import { beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../ocsp/signer.ts'
import { buildTestPki } from '../ocsp/testing/test-pki.ts'
import { createTsaService } from './tsa-service.ts'

// The request parser sees whatever the network sends: it must answer, never throw or fail internally.
let answer: (req: Uint8Array) => Promise<Uint8Array>

/** A valid SHA-256 TimeStampReq with nonce and certReq, as a seed for mutations. */
function validRequest(): Uint8Array {
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(32).fill(7) }),
    }),
    nonce: new asn1js.Integer({ value: 123456 }),
    certReq: true,
  })
  return new Uint8Array(req.toSchema().toBER())
}

beforeAll(async () => {
  const pki = await buildTestPki()
  answer = createTsaService({
    signer: pki.tsaEc,
    policyOid: '1.2.3.4.5.3161',
    clock: systemClock,
    onError: (err) => {
      throw err
    },
  })
})

function statusOf(reply: Uint8Array): number {
  return new pkijs.TimeStampResp({ schema: asn1js.fromBER(reply).result }).status.status
}

describe('TSA request parser fuzz', () => {
  it('grants the seed request', async () => {
    expect(statusOf(await answer(validRequest()))).toBe(pkijs.PKIStatus.granted)
  })

  it('answers random, mutated and truncated requests with a TimeStampResp', async () => {
    const seed = validRequest()
    const mutated = fc.tuple(fc.nat(seed.length - 1), fc.integer({ min: 0, max: 255 })).map(([i, v]) => {
      const copy = seed.slice()
      copy[i] = v
      return copy
    })
    const truncated = fc.nat(seed.length).map((n) => seed.slice(0, n))
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), mutated, truncated), async (req) => {
        const status = statusOf(await answer(req))
        expect([pkijs.PKIStatus.granted, pkijs.PKIStatus.rejection]).toContain(status)
      }),
      { numRuns: 300 },
    )
  })
})
