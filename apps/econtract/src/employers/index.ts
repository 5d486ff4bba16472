// Employer onboarding: the organisation, its legal representative and its authorised signatories (R4.9).
export {
  authorisationTooLarge,
  checkAuthorisationPdf,
  MAX_AUTHORISATION_PDF_BYTES,
} from './authorisation-pdf.ts'
export { EmployerInputError } from './employer-errors.ts'
export {
  type EmployerProfileInput,
  parseProfileInput,
  parseSignatoryInput,
  type SignatoryInput,
} from './employer-input.ts'
export { EMPLOYER_READERS, type EmployerRoutesDeps, employerRoutes } from './employer-routes.ts'
export {
  EMPLOYER_SIGNATORY_PERSONAL_ID,
  type EmployerProfile,
  EmployersRepo,
  maskPersonalId,
  type Signatory,
} from './employers-repo.ts'
export { EmployersService, type EmployersServiceDeps } from './employers-service.ts'
export {
  type EmployerDatabase,
  type EmployerSignatoryTable,
  type EmployerTable,
  employerMigrations,
  migrateEmployers,
} from './migrations.ts'
export { type SignatoryStanding, signatoryRefusal } from './signatory-standing.ts'
