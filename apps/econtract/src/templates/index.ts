// Contract templates: an employer's defaults and other agreements (Labor Code Art 21(2)) with merge fields,
// and the built-in standard contract of TT 10/2020 (R4.7).
export {
  type Clause,
  MERGE_FIELDS,
  type MergeField,
  mergeField,
  parseMergeText,
  type Resolution,
  resolveDraftClauses,
  resolveMergeText,
  type SyntaxProblem,
  type Token,
} from './merge-fields.ts'
export {
  type ContractTemplateTable,
  migrateTemplates,
  type TemplatesDatabase,
  templateMigrations,
} from './migrations.ts'
export { applyDefaults, type TemplateDefaults, TemplateDefaultsSchema } from './template-defaults.ts'
export { templateForm, templateFromForm } from './template-form.ts'
export { MAX_CLAUSES, parseTemplateInput, type TemplateInput } from './template-input.ts'
export { TEMPLATE_STAFF, type TemplateRoutesDeps, templateRoutes } from './template-routes.ts'
export {
  type AppliedTemplate,
  BUILT_IN_NAME,
  type TemplateChoice,
  TemplatesService,
  type TemplateView,
} from './templates-service.ts'
