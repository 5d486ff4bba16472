// `npm run bench` (PAdES part): signing a contract (render excluded) and verifying a certified two-party
// contract, each as a ratio to the raw node:crypto cost of the same operations measured in the same run.
// The verifier's ceiling replays the exact signature verifications it made (recorded through
// signatureProbe) plus the digests of the signed byte ranges.
import { createHash, createPrivateKey, sign, verify } from 'node:crypto'
import { certifyPdf } from '../pades/long-term-validation.ts'
import { signPdf } from '../pades/sign-pdf.ts'
import { signedChunks } from '../pades/signature-field.ts'
import { verifyPdf } from '../pades/verify-pdf.ts'
import { RevocationChecker } from '../revocation/revocation-checker.ts'
import { samplePdf } from '../testing/sample-pdf.ts'
import { startSim } from '../testing/sim-fixture.ts'
import { signatureProbe } from '../trust/signature.ts'
import { TrustStore } from '../trust/trust-store.ts'

const CONTRACTS = 8

export interface PkiBenchResult {
  signsPerSecond: number
  signCeilingPerSecond: number
  signsWithTimestampPerSecond: number
  verifiesPerSecond: number
  verifyCeilingPerSecond: number
  verificationsPerContract: number
  contractBytes: number
}

/** Runs `fn` repeatedly for about `ms` and returns operations per second. */
async function rate(ms: number, fn: () => unknown): Promise<number> {
  await fn()
  let n = 0
  const start = performance.now()
  while (performance.now() - start < ms) {
    await fn()
    n++
  }
  return Math.round((n * 1000) / (performance.now() - start))
}

export async function runPkiBench(options: {
  seconds: number
  log?: (line: string) => void
}): Promise<PkiBenchResult> {
  const ms = Math.max(500, (options.seconds * 1000) / 4)
  const sim = await startSim()
  try {
    const employer = await sim.issue({
      profile: 'organisation',
      organisationName: 'Công ty TNHH Bình Minh',
      taxCode: '0101234567',
    })
    const worker = await sim.issue({
      profile: 'person',
      fullName: 'Nguyễn Thị Hồng Nhung',
      personalId: '001190012345',
    })
    const pdf = await samplePdf({ pages: 3 })
    const trust = TrustStore.fromBytes(sim.rootDer)

    options.log?.('pki bench: signing')
    const signsPerSecond = await rate(ms, () =>
      signPdf(pdf, worker.signer, { signerName: 'Nguyễn Thị Hồng Nhung' }),
    )
    const signsWithTimestampPerSecond = await rate(ms, () => signPdf(pdf, worker.signer, { tsa: sim.tsa }))
    const key = createPrivateKey(worker.privateKeyPem)
    const placed = await signPdf(pdf, worker.signer)
    const signCeilingPerSecond = await rate(ms, () => {
      createHash('sha256').update(placed).digest()
      sign('sha256', placed.subarray(0, 400), { key, dsaEncoding: 'der' })
    })

    options.log?.('pki bench: verifying certified two-party contracts')
    // Distinct contracts (one employer, a different worker each), as the Platform sees them: what repeats
    // is the employer, the CAs and the TSA, and only that may be served from caches.
    const contracts: Buffer[] = []
    for (let i = 0; i < CONTRACTS; i++) {
      const w = await sim.issue({
        profile: 'person',
        fullName: `Nguyễn Văn Thành ${i + 1}`,
        personalId: `0010900${String(12345 + i).padStart(5, '0')}`,
      })
      const byEmployer = await signPdf(pdf, employer.signer, { tsa: sim.tsa })
      const twoParty = await signPdf(byEmployer, w.signer, { tsa: sim.tsa })
      contracts.push(await certifyPdf(twoParty, { trust, revocation: new RevocationChecker(), tsa: sim.tsa }))
    }
    // A long-lived checker and trust store, as in the Platform: chains and OCSP answers cached within validity.
    const revocation = new RevocationChecker()
    const calls: Array<Parameters<NonNullable<typeof signatureProbe.onVerify>>> = []
    const ranges: Uint8Array[][] = []
    signatureProbe.onVerify = (...args) => calls.push(args)
    for (const contract of contracts) {
      const report = await verifyPdf(contract, { trust, revocation })
      if (report.verdict !== 'valid') throw new Error(`bench contract did not verify: ${report.verdict}`)
      for (const s of report.signatures) ranges.push(signedChunks(contract, s.byteRange ?? [0, 0, 0, 0]))
    }
    signatureProbe.onVerify = undefined
    let next = 0
    const verifiesPerSecond = await rate(ms, () =>
      verifyPdf(contracts[next++ % CONTRACTS] as Buffer, { trust, revocation }),
    )
    // The ceiling: the same signature checks and range digests, for all contracts, per contract.
    const ceilingRounds = await rate(ms, () => {
      for (const chunks of ranges) {
        const h = createHash('sha256')
        for (const c of chunks) h.update(c)
        h.digest()
      }
      for (const [hash, data, keyOptions, signature] of calls) verify(hash, data, keyOptions, signature)
    })
    const verifyCeilingPerSecond = ceilingRounds * CONTRACTS
    return {
      signsPerSecond,
      signCeilingPerSecond,
      signsWithTimestampPerSecond,
      verifiesPerSecond,
      verifyCeilingPerSecond,
      verificationsPerContract: Math.round(calls.length / CONTRACTS),
      contractBytes: contracts[0]?.length ?? 0,
    }
  } finally {
    await sim.close()
  }
}
