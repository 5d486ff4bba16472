// Every way a key signs a CMS: local key, PKCS#12, remote CA.

export { checkSigningCertificate } from './check-signing-certificate.ts'
export type { CmsSigner } from './cms-signer.ts'
export { localKeySigner } from './local-key-signer.ts'
export { loadPkcs12, type Pkcs12Contents } from './pkcs12.ts'
export { type RemoteSignerOptions, remoteSigner } from './remote-signer.ts'
export {
  approveRemoteSignature,
  approveRemoteSignatureBatch,
  fetchRemoteSignature,
  fetchRemoteSignatureBatch,
  type RemoteBatchRequest,
  type RemoteBatchRequested,
  type RemoteBatchResult,
  type RemoteSignatureRequest,
  type RemoteSignatureRequested,
  type RemoteSignatureResult,
  type RemoteSigningEndpoint,
  requestRemoteSignature,
  requestRemoteSignatureBatch,
} from './remote-signing-client.ts'
