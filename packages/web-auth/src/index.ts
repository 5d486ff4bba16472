// @elc/web-auth: sign-in with VNeID, sessions, CSRF and the access rules of the Platform and eContract.

export {
  type Access,
  assertAccess,
  decide,
  enforceAccess,
  type RouteAccess,
  refuseBeforeUpload,
  routeAccessTable,
} from './access.ts'
export { type AppLink, accountRoutes } from './account-page.ts'
export { type GrantRequest, grantRole } from './grant-role.ts'
export { GrantsRepo } from './grants-repo.ts'
export { escapeHtml, page } from './html-page.ts'
export { ALL_ROLES, type Grant, type Principal, ROLES, type Role, type SessionProvenance } from './roles.ts'
export { SessionStore, type StoredSession, type WebAuthDatabase, webAuthMigrations } from './session-store.ts'
export { principalOf, registerWebAuth, type WebAuth, type WebAuthOptions } from './web-auth.ts'
