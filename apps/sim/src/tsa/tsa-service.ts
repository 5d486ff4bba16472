import type { Clock, Signer } from '../ocsp/signer.ts'
import { monotonicSerial, type SerialSource } from './serial.ts'
import { parseTimeStampReq } from './tsa-request.ts'
import { grantedResponse, rejectionResponse, TsaRejection } from './tsa-status.ts'
import { type Accuracy, buildTimeStampToken } from './tsa-token.ts'

export interface TsaServiceOptions {
  signer: Signer
  /** The TSA policy OID put in every TSTInfo; requests naming another are refused. */
  policyOid: string
  accuracy?: Accuracy
  clock: Clock
  /** Unique, increasing TSTInfo serials; default an in-memory counter (the simulator persists them). */
  serialNumber?: SerialSource
  /** Put the TSA name in TSTInfo (default true). */
  includeTsaName?: boolean
  /** Called on failures answered with systemFailure, so they are not silent. */
  onError?: (err: unknown) => void
}

/** Turns DER TimeStampReqs into DER TimeStampResps; never throws. */
export function createTsaService(opts: TsaServiceOptions): (request: Uint8Array) => Promise<Uint8Array> {
  const nextSerial = opts.serialNumber ?? monotonicSerial(opts.clock.now())
  return async (request) => {
    try {
      const query = parseTimeStampReq(request, opts.policyOid)
      const token = await buildTimeStampToken({
        signer: opts.signer,
        policyOid: opts.policyOid,
        query,
        serialNumber: await nextSerial(),
        genTime: opts.clock.now(),
        includeTsaName: opts.includeTsaName ?? true,
        ...(opts.accuracy ? { accuracy: opts.accuracy } : {}),
      })
      return grantedResponse(token)
    } catch (err) {
      if (err instanceof TsaRejection) return rejectionResponse(err.failInfo, err.message)
      opts.onError?.(err)
      return rejectionResponse('systemFailure', 'internal error')
    }
  }
}
