// A CmsSigner backed by remote signing: the CA signs a pre-computed digest, so the digest sent is the hash
// of the signed-attributes DER, and the answer is checked against the certificate before it is used.
import { ElcError, text } from '@elc/core'
import { compareBytes } from '../cms/der.ts'
import { checkDigestAlgorithm, digest } from '../cms/digest-algorithms.ts'
import type { CmsSigner } from './cms-signer.ts'
import { assertSignatureMatchesCertificate } from './key-mismatch.ts'
import {
  fetchRemoteSignature,
  type RemoteSigningEndpoint,
  requestRemoteSignature,
} from './remote-signing-client.ts'

export interface RemoteSignerOptions extends RemoteSigningEndpoint {
  serialNumber: string
  certificate: Uint8Array
  chain: Uint8Array[]
  /** Shown to the subscriber; default a generic Vietnamese/English line. */
  description?: string
  /** Default 1 s. */
  pollIntervalMs?: number
  /** How long to wait for approval; default 5 minutes, the CA's own request lifetime. */
  timeoutMs?: number
}

const DEFAULT_DESCRIPTION = 'Ký hợp đồng lao động điện tử / Sign an electronic labour contract'

function failed(code: string, vi: string, en: string, status: number): ElcError {
  return new ElcError(code, text(vi, en), { status, ruleId: 'R2.36' })
}

export function remoteSigner(options: RemoteSignerOptions): CmsSigner {
  const pollIntervalMs = options.pollIntervalMs ?? 1000
  const timeoutMs = options.timeoutMs ?? 5 * 60_000
  return {
    certificate: options.certificate,
    chain: options.chain,
    async sign(signedAttributes, digestAlgorithm) {
      const algorithm = checkDigestAlgorithm(digestAlgorithm)
      const deadline = Date.now() + timeoutMs
      const { requestId } = await requestRemoteSignature({
        ...options,
        digest: digest(algorithm, signedAttributes),
        digestAlgorithm: algorithm,
        description: options.description ?? DEFAULT_DESCRIPTION,
      })
      for (;;) {
        const result = await fetchRemoteSignature({ ...options, requestId })
        if (result.status === 'approved') {
          if (compareBytes(result.certificate, options.certificate) !== 0)
            throw failed(
              'REMOTE_SIGNING_CERTIFICATE_MISMATCH',
              'Dịch vụ ký số từ xa đã ký bằng một chứng thư số khác.',
              'The remote signing service signed with a different certificate.',
              502,
            )
          assertSignatureMatchesCertificate({
            signedAttributes,
            signature: result.signature,
            certificate: options.certificate,
            digestAlgorithm: algorithm,
          })
          return result.signature
        }
        if (result.status === 'rejected')
          throw failed(
            'REMOTE_SIGNING_REJECTED',
            `Người ký đã từ chối yêu cầu ký (${result.reason}).`,
            `The signer rejected the signature request (${result.reason}).`,
            409,
          )
        if (result.status === 'expired')
          throw failed(
            'REMOTE_SIGNING_EXPIRED',
            'Yêu cầu ký đã hết hạn.',
            'The signature request has expired.',
            410,
          )
        if (Date.now() + pollIntervalMs > deadline)
          throw failed(
            'REMOTE_SIGNING_TIMEOUT',
            'Hết thời gian chờ người ký phê duyệt.',
            'Timed out waiting for the signer to approve.',
            504,
          )
        await new Promise((resolve) => setTimeout(resolve, pollIntervalMs))
      }
    },
  }
}
