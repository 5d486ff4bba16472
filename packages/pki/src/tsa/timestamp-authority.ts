import type { DigestAlgorithm } from '../cms/digest-algorithms.ts'
import { requestTimestamp, type TimestampRequest } from './request-timestamp.ts'

/** The port signing code depends on: a digest in, an RFC 3161 TimeStampToken (ContentInfo DER) out. */
export interface TimestampAuthority {
  timestamp(digest: Uint8Array, digestAlgorithm: DigestAlgorithm): Promise<Uint8Array>
}

export function httpTimestampAuthority(
  options: Omit<TimestampRequest, 'digest' | 'digestAlgorithm'>,
): TimestampAuthority {
  return { timestamp: (digest, digestAlgorithm) => requestTimestamp({ ...options, digest, digestAlgorithm }) }
}
