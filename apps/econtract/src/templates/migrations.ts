// Contract templates an employer defines (defaults for a new draft and its other agreements, Labor Code
// Art 21(2)), and the built-in one every employer has: the standard contract of TT 10/2020 (R4.7).
import { type Kysely, type Migration, migrateToLatest, sql } from '@elc/db'

export const templateMigrations: Record<string, Migration> = {
  'templates-0001': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table contract_template (
          id text primary key,
          employer_tax_code text not null check (employer_tax_code ~ '^[0-9]{10}(-[0-9]{3})?$'),
          name text not null check (length(name) between 1 and 200),
          description text,
          kind text not null default 'contract' check (kind = 'contract'),
          built_in boolean not null default false,
          defaults jsonb not null,
          clauses jsonb not null,
          created_by text not null,
          created_at timestamptz not null,
          updated_at timestamptz not null,
          archived_at timestamptz,
          -- The built-in template cannot be archived: it always exists.
          constraint contract_template_built_in_kept check (not built_in or archived_at is null)
        );
        create index contract_template_employer on contract_template (employer_tax_code, created_at);
        create unique index contract_template_one_built_in on contract_template (employer_tax_code)
          where built_in;
      `.execute(db)
    },
  },
}

export interface ContractTemplateTable {
  id: string
  employer_tax_code: string
  name: string
  description: string | null
  kind: 'contract'
  built_in: boolean
  /** TemplateDefaults. */
  defaults: unknown
  /** Array of { title?, text } with merge fields. */
  clauses: unknown
  created_by: string
  created_at: Date
  updated_at: Date
  archived_at: Date | null
}

export interface TemplatesDatabase {
  contract_template: ContractTemplateTable
}

export function migrateTemplates(db: Kysely<unknown>): Promise<string[]> {
  return migrateToLatest(db, templateMigrations, { module: 'templates' })
}
