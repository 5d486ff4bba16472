// The oversight routes in the Platform's OpenAPI document (merged by openapi/document.ts).
import { problem, ref, responseRef } from '../openapi/components.ts'
import { PROVINCES } from './provinces.ts'
import { ACCESS_PURPOSES } from './purposes.ts'
import { DEPARTMENT, PARTIES, STATISTICS } from './routes.ts'
import { SMALL_CELL } from './statistics.ts'

const string = { type: 'string' }
const nullableString = { type: ['string', 'null'] }
const dateTime = { type: 'string', format: 'date-time' }
const object = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
})
const json = (schema: unknown, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
const session = (access: unknown) => ({ security: [{ session: [] }], 'x-elc-access': access })

const PURPOSE_CODES = ACCESS_PURPOSES.map((p) => p.code)
const purposeParam = {
  name: 'purpose',
  in: 'query',
  required: true,
  schema: { type: 'string', enum: PURPOSE_CODES },
  description: `Why the data is read; logged with its legal basis. ${ACCESS_PURPOSES.map((p) => `${p.code}: ${p.label.en} (${p.ruleIds.join(', ')})`).join('; ')}`,
}
const provinceParam = (description: string) => ({
  name: 'province',
  in: 'query',
  required: false,
  schema: string,
  description,
})
const dayParam = (name: 'from' | 'to', description: string) => ({
  name,
  in: 'query',
  required: false,
  schema: { type: 'string', format: 'date' },
  description,
})
const contractIdParam = {
  name: 'contractId',
  in: 'path',
  required: true,
  schema: string,
  description: 'The contract ID',
}

const departmentErrors = {
  '401': responseRef('SignInRequired'),
  '403': problem('A Department officer at VNeID level 2 only (R1.12), for a province of their grant', [
    'AUTH_FORBIDDEN',
    'AUTH_LEVEL2_REQUIRED',
    'OVERSIGHT_PROVINCE_NOT_GRANTED',
  ]),
  '500': responseRef('InternalError'),
  '503': problem('The access could not be logged, so no data is returned', ['ACCESS_LOG_FAILED']),
}
const purposeErrors = problem('The purpose is missing or unknown, or a parameter is malformed', [
  'ACCESS_PURPOSE_REQUIRED',
  'ACCESS_PURPOSE_UNKNOWN',
  'OVERSIGHT_DATE_INVALID',
  'OVERSIGHT_PAGE_INVALID',
  'OVERSIGHT_PROVINCE_UNKNOWN',
])
const notFound = problem(
  'No contract with this ID in the officer’s province (the same answer whether it exists elsewhere or not)',
  ['CONTRACT_NOT_FOUND'],
)

export const oversightPaths = {
  '/v1/department/purposes': {
    get: {
      summary: 'Mục đích truy cập / The purposes an official may read contracts for, with their legal basis',
      operationId: 'accessPurposes',
      ...session(DEPARTMENT.config.access),
      responses: {
        '200': json(
          object({ purposes: { type: 'array', items: ref('AccessPurpose') } }),
          'Every purpose with its vi/en label and LEGAL.md rule ids',
        ),
        ...departmentErrors,
      },
    },
  },
  '/v1/department/contracts': {
    get: {
      summary: 'Hợp đồng trên địa bàn / Contracts whose workplace is in the officer’s province (logged)',
      description:
        'Each call is written to the access log and the ledger (who, what, purpose, legal basis) before any data is returned; the workers and employers concerned see it at /me/data-access.',
      operationId: 'departmentContracts',
      ...session(DEPARTMENT.config.access),
      parameters: [
        purposeParam,
        dayParam('from', 'Issued on or after this day (Vietnam time)'),
        dayParam('to', 'Issued on or before this day (Vietnam time)'),
        { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } },
        provinceParam('One of the officer’s granted provinces (code or name); default the first'),
      ],
      responses: {
        '200': json(ref('DepartmentContractPage'), 'Newest first, 50 a page'),
        '400': purposeErrors,
        ...departmentErrors,
      },
    },
  },
  '/v1/department/contracts/{contractId}': {
    get: {
      summary: 'One contract with all its data (logged)',
      operationId: 'departmentContract',
      ...session(DEPARTMENT.config.access),
      parameters: [contractIdParam, purposeParam, provinceParam('One of the officer’s granted provinces')],
      responses: {
        '200': json(ref('DepartmentContractDetail'), 'The contract, its data, findings and documents'),
        '400': purposeErrors,
        '404': notFound,
        ...departmentErrors,
      },
    },
  },
  '/v1/department/contracts/{contractId}/pdf': {
    get: {
      summary: 'The signed PDF of a contract in the officer’s province (logged)',
      operationId: 'departmentContractPdf',
      ...session(DEPARTMENT.config.access),
      parameters: [contractIdParam, purposeParam, provinceParam('One of the officer’s granted provinces')],
      responses: {
        '200': {
          description:
            'The signed PDF as submitted; ELC-Access-Id and ELC-Access-Ledger-Index name the log entry',
          content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
        },
        '400': purposeErrors,
        '404': notFound,
        ...departmentErrors,
      },
    },
  },
  '/v1/statistics': {
    get: {
      summary: 'Thống kê / Aggregate statistics without personal data (D16.1, R1.26)',
      description: `Counts below ${SMALL_CELL} are withheld (count null, suppressed true), and a second cell when a breakdown would withhold only one. Not logged as an access: aggregates are not personal data. A Department officer sees their own province only.`,
      operationId: 'statistics',
      ...session(STATISTICS.config.access),
      parameters: [
        dayParam('from', 'From this day (Vietnam time)'),
        dayParam('to', 'To this day inclusive (Vietnam time)'),
        provinceParam('Province code or name; a Department officer may only give their own'),
      ],
      responses: {
        '200': json(ref('Statistics'), 'The counts'),
        '400': problem('A parameter is malformed', ['OVERSIGHT_DATE_INVALID', 'OVERSIGHT_PROVINCE_UNKNOWN']),
        '401': responseRef('SignInRequired'),
        '403': problem('A Ministry or Department officer only; a Department officer for their province', [
          'AUTH_FORBIDDEN',
          'OVERSIGHT_PROVINCE_NOT_GRANTED',
        ]),
        '500': responseRef('InternalError'),
      },
    },
  },
  '/me/data-access': {
    get: {
      summary: 'Ai đã xem dữ liệu của tôi / Who read my contracts: every logged access by an official',
      description:
        'A worker sees the accesses to contracts they are the worker on; an employer administrator or HR staff those to the employer’s contracts. Officials are shown by role and province, not by name.',
      operationId: 'myDataAccess',
      ...session(PARTIES.config.access),
      responses: {
        '200': json(
          object({ note: ref('Text'), accesses: { type: 'array', items: ref('DataAccess') } }),
          'Newest first, at most 500',
        ),
        '401': responseRef('SignInRequired'),
        '403': responseRef('PartyOnly'),
        '500': responseRef('InternalError'),
      },
    },
  },
}

const cell = ref('StatisticsCell')
const cells = { type: 'array', items: cell }

export const oversightSchemas = {
  AccessPurpose: object({
    code: { type: 'string', enum: PURPOSE_CODES },
    label: ref('Text'),
    ruleIds: { type: 'array', items: string },
    basis: ref('Text'),
  }),
  AccessReceipt: object({
    id: string,
    purpose: string,
    legalBasis: { type: 'string', description: 'LEGAL.md rule ids, space-separated' },
    ledgerIndex: { type: 'integer' },
  }),
  Province: object({ code: { type: 'string', enum: PROVINCES.map((p) => p.code) }, name: string }),
  DepartmentContract: object({
    contractId: string,
    issuedAt: dateTime,
    idLetter: { type: 'string', enum: ['A', 'B', 'C'] },
    submissionKind: string,
    termType: { type: ['string', 'null'], enum: ['indefinite', 'definite', null] },
    employer: object({ name: nullableString, taxCode: string }),
    worker: object({ fullName: nullableString }),
    job: object({ title: nullableString }),
    wage: object({ amount: { type: ['integer', 'null'] }, unit: nullableString }),
    term: { description: 'The contract’s term as signed' },
    provinces: { type: 'array', items: ref('Province') },
    findings: { type: 'array', items: ref('Finding') },
    documents: { type: 'array', items: ref('ContractDocument') },
  }),
  DepartmentContractPage: object({
    province: string,
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    hasMore: { type: 'boolean' },
    contracts: { type: 'array', items: ref('DepartmentContract') },
    access: ref('AccessReceipt'),
  }),
  DepartmentContractDetail: {
    allOf: [
      ref('DepartmentContract'),
      object({
        data: {
          type: 'object',
          description: 'The contract document as signed (Contract or PaperConversion)',
        },
        access: ref('AccessReceipt'),
      }),
    ],
  },
  StatisticsCell: object({
    key: string,
    count: { type: ['integer', 'null'] },
    suppressed: { type: 'boolean' },
  }),
  Statistics: object({
    period: object({ from: nullableString, to: nullableString }),
    province: { oneOf: [ref('Province'), { type: 'null' }] },
    suppression: object({ threshold: { type: 'integer' }, note: ref('Text') }),
    contracts: object({
      total: cell,
      byMonth: cells,
      byProvince: cells,
      byTermType: cells,
      byIdLetter: cells,
    }),
    lifecycleDocuments: object({ total: cell, byKind: cells }),
    refusals: object({ total: cell, byReason: cells }),
    decisions: object({ total: cell, medianSecondsToDecision: { type: ['integer', 'null'] } }),
  }),
  DataAccess: object({
    at: dateTime,
    role: ref('Role'),
    roleLabel: { oneOf: [ref('Text'), { type: 'null' }] },
    province: { oneOf: [ref('Province'), { type: 'null' }] },
    purpose: object({ code: string, label: { oneOf: [ref('Text'), { type: 'null' }] } }),
    legalBasis: object({
      ruleIds: { type: 'array', items: string },
      text: { oneOf: [ref('Text'), { type: 'null' }] },
    }),
    resource: { type: 'string', enum: ['contract.list', 'contract.detail', 'contract.pdf'] },
    contracts: { type: 'array', items: string },
    ledgerIndex: { type: 'integer' },
  }),
}
