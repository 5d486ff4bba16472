// The `acr` values the simulated VNeID puts in ID tokens. Level 2 (in-person registration with biometrics,
// R5.7) is what an eContract needs to authenticate a worker or employer (D7.1.d, R1.12, R5.11); level 1 is
// self-registered and does not suffice.
export const VNEID_ACR = {
  level1: 'vneid:level1',
  level2: 'vneid:level2',
} as const

export type VneidAcr = (typeof VNEID_ACR)[keyof typeof VNEID_ACR]

export const VNEID_ACR_VALUES: readonly VneidAcr[] = [VNEID_ACR.level1, VNEID_ACR.level2]
