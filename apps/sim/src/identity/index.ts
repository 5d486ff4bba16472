// Simulated national identity: a VNeID-like OpenID provider, eKYC with consent, and the synthetic
// population (citizens and companies) behind both.
export { AccountLocking, type LogoutDelivery } from './account-locking.ts'
export {
  type Account,
  type AccountKind,
  AccountRepo,
  accountIdFor,
  DEMO_PASSWORD,
  type OrganisationProfile,
  type PersonProfile,
} from './accounts.ts'
export { VNEID_ACR, VNEID_ACR_VALUES, type VneidAcr } from './assurance-levels.ts'
export { type ConsentGranted, DEFAULT_CONSENT_TTL_MS, EkycService } from './ekyc-service.ts'
export { identityRoutes } from './identity-routes.ts'
export { type IdentityOptions, type IdentityServices, openIdentityServices } from './identity-service.ts'
export { LOCKED_MESSAGE } from './interaction-routes.ts'
export { OidcRecordAdapter, oidcAdapterFactory } from './oidc-adapter.ts'
export { PROVINCES_2025, type Province2025, provinceAfterMerger } from './provinces-2025.ts'
export { type ClientRegistration, type RegisteredClient, RelyingParties } from './relying-parties.ts'
export {
  centuryDigit,
  type GenerateOptions,
  generatePopulation,
  MAX_GENERATED,
  type SyntheticCitizen,
  type SyntheticCompany,
  type SyntheticPopulation,
} from './synthetic-population.ts'
export { claimsOf, createVneidProvider, VNEID_MOUNT_PATH, VNEID_SCOPES } from './vneid-provider.ts'
