// R2.1: a signer's certificate is checked before signing: valid now, chaining to a trusted root, not
// revoked. Each failure has its own code; an unknown status is not good enough to sign with.
import { ElcError } from '@elc/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RevocationChecker } from '../revocation/revocation-checker.ts'
import { type SimFixture, startSim } from '../testing/index.ts'
import { TrustStore } from '../trust/trust-store.ts'
import { checkSigningCertificate } from './check-signing-certificate.ts'

let sim: SimFixture
let other: SimFixture

beforeAll(async () => {
  ;[sim, other] = await Promise.all([startSim(), startSim()])
}, 120_000)

afterAll(async () => {
  await Promise.all([sim?.close(), other?.close()])
})

async function outcome(input: Parameters<typeof checkSigningCertificate>[0]): Promise<string> {
  try {
    await checkSigningCertificate(input)
    return 'ok'
  } catch (e) {
    if (e instanceof ElcError) {
      expect(e.ruleId).toBe('R2.1')
      return e.code
    }
    throw e
  }
}

describe('checkSigningCertificate (R2.1)', () => {
  it('passes a fresh certificate and refuses an expired, untrusted or revoked one', async () => {
    const good = await sim.issue({ profile: 'person', fullName: 'Nguyễn Văn An', personalId: '001090000123' })
    const revoked = await sim.issue({
      profile: 'person',
      fullName: 'Lê Thị Bình',
      personalId: '001190000456',
    })
    await sim.ca.revoke(revoked.serialNumber, 'keyCompromise')
    const stranger = await other.issue({
      profile: 'person',
      fullName: 'Trần Văn Cư',
      personalId: '001090000789',
    })
    const base = {
      trust: TrustStore.fromBytes(sim.rootDer),
      revocation: new RevocationChecker(),
      at: new Date(),
    }
    const cases: Array<[string, Parameters<typeof checkSigningCertificate>[0], string]> = [
      ['valid', { ...base, certificate: good.certificate, chain: good.chain }, 'ok'],
      [
        'after its validity',
        {
          ...base,
          certificate: good.certificate,
          chain: good.chain,
          at: new Date(Date.now() + 20 * 365 * 86_400_000),
        },
        'SIGNING_CERTIFICATE_EXPIRED',
      ],
      [
        'revoked',
        { ...base, certificate: revoked.certificate, chain: revoked.chain },
        'SIGNING_CERTIFICATE_REVOKED',
      ],
      [
        'from a CA nobody trusts here',
        { ...base, certificate: stranger.certificate, chain: stranger.chain },
        'SIGNING_CERTIFICATE_UNTRUSTED',
      ],
    ]
    for (const [name, input, expected] of cases)
      expect([name, await outcome(input)]).toEqual([name, expected])
  })

  it('an unreachable status service stops signing with a retryable answer', async () => {
    const good = await sim.issue({ profile: 'person', fullName: 'Phạm Văn Dũng', personalId: '001090000321' })
    const offline = new RevocationChecker({ online: false })
    expect(
      await outcome({
        certificate: good.certificate,
        chain: good.chain,
        trust: TrustStore.fromBytes(sim.rootDer),
        revocation: offline,
        at: new Date(),
      }),
    ).toBe('SIGNING_CERTIFICATE_STATUS_UNKNOWN')
  })
})
