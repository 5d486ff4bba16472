export { ID_AA_SIGNING_CERTIFICATE_V2, signingCertificateV2 } from './ess.ts'
export { type TsaRoutesOptions, tsaRoutes } from './routes.ts'
export {
  monotonicSerial,
  type PersistentSerialOptions,
  persistentSerial,
  type SerialSource,
} from './serial.ts'
export { parseTimeStampReq, type TimeStampQuery } from './tsa-request.ts'
export { createTsaService, type TsaServiceOptions } from './tsa-service.ts'
export { FailInfo, grantedResponse, rejectionResponse, TsaRejection } from './tsa-status.ts'
export { type Accuracy, buildTimeStampToken, type TokenParams } from './tsa-token.ts'
