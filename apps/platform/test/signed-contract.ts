// A contract as the eContract produces it, for the Platform's tests: the structured data embedded in the
// PDF, the parties' signatures (each timestamped), then the provider's certification (B-LTA).

import { canonicalDataBytes, DATA_FILE_NAME } from '@elc/core'
import { certifyPdf, RevocationChecker, signPdf, TrustStore } from '@elc/pki'
import { type SimFixture, type SimSubscriber, samplePdf } from '@elc/pki/testing'

export async function signedContract(
  sim: SimFixture,
  data: unknown,
  signers: SimSubscriber[],
  options: { timestamp?: boolean; certify?: boolean; embedded?: unknown } = {},
): Promise<Buffer> {
  let pdf: Buffer = await samplePdf({
    attachments: [{ name: DATA_FILE_NAME, data: canonicalDataBytes(options.embedded ?? data) }],
  })
  for (const signer of signers)
    pdf = await signPdf(pdf, signer.signer, options.timestamp === false ? {} : { tsa: sim.tsa })
  if (options.certify === false) return pdf
  return certifyPdf(pdf, {
    trust: TrustStore.fromBytes(sim.rootDer),
    revocation: new RevocationChecker(),
    tsa: sim.tsa,
  })
}

/** The example contract's two parties, with certificates from the simulator's CA. */
export async function contractParties(
  sim: SimFixture,
  data: {
    employer: { name: string; taxCode: string }
    worker: { fullName: string; idDocument: { number: string } }
  },
): Promise<[SimSubscriber, SimSubscriber]> {
  return [
    await sim.issue({
      profile: 'organisation',
      organisationName: data.employer.name,
      taxCode: data.employer.taxCode,
    }),
    await sim.issue({
      profile: 'person',
      fullName: data.worker.fullName,
      personalId: data.worker.idDocument.number,
    }),
  ]
}
