// The simulated Vietnamese CA hierarchy: a root standing in for NEAC and licensed public CAs under it.
import type { KeyAlgorithm } from './key-algorithms.ts'

export interface AuthorityConfig {
  /** Stable id; also the file name in the AIA and CRL URLs ("/ca/<id>.crt", "/crl/<id>.crl"). */
  id: string
  organisation: string
  commonName: string
  keyAlgorithm: KeyAlgorithm
}

export interface HierarchyConfig {
  root: AuthorityConfig
  /** Licensed CAs signed by the root; the first is the default issuer. */
  authorities: readonly AuthorityConfig[]
}

export const DEFAULT_HIERARCHY: HierarchyConfig = {
  root: {
    id: 'neac-root',
    organisation: 'Bộ Khoa học và Công nghệ (MÔ PHỎNG / SIMULATOR)',
    commonName: 'Trung tâm Chứng thực điện tử quốc gia (MÔ PHỎNG / SIMULATOR)',
    keyAlgorithm: 'rsa-pss-3072',
  },
  authorities: [
    {
      id: 'elc-sim-ca-ecdsa',
      organisation: 'ELC CA công cộng (MÔ PHỎNG / SIMULATOR)',
      commonName: 'ELC-SIM CA ECDSA (MÔ PHỎNG / SIMULATOR)',
      keyAlgorithm: 'ecdsa-p256',
    },
    {
      id: 'elc-sim-ca-rsa',
      organisation: 'ELC CA công cộng (MÔ PHỎNG / SIMULATOR)',
      commonName: 'ELC-SIM CA RSA-PSS (MÔ PHỎNG / SIMULATOR)',
      keyAlgorithm: 'rsa-pss-2048',
    },
  ],
}

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/

export function checkHierarchy(config: HierarchyConfig): void {
  const ids = [config.root.id, ...config.authorities.map((a) => a.id)]
  for (const id of ids) if (!ID.test(id)) throw new Error(`CA id "${id}" must match ${ID}`)
  if (new Set(ids).size !== ids.length) throw new Error('CA ids must be unique')
  if (config.authorities.length === 0) throw new Error('the hierarchy needs at least one licensed CA')
}
