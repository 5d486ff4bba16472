// RFC 3161 time-stamping client.
export { requestTimestamp, type TimestampRequest, timestampQuery } from './request-timestamp.ts'
export { httpTimestampAuthority, type TimestampAuthority } from './timestamp-authority.ts'
export { type TimestampTokenInfo, timestampTokenInfo } from './timestamp-token-info.ts'
