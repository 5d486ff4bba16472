// The schemas, shared responses and security schemes of the Platform's OpenAPI document. The contract
// documents are the very JSON Schemas the validator enforces; the rest mirror what the routes answer.
import { Amendment, Annex, Contract, PaperConversion, Suspension, Termination } from '@elc/core'
import { RECEIPT_FORMAT } from '@elc/ledger'
import { ALL_ROLES } from '@elc/web-auth'
import { PROVIDER_SCOPES } from '../providers/issue-access-token.ts'
import { AGREEMENT_STATUSES } from '../providers/schema.ts'
import { SUBMISSION_KINDS } from '../submissions/submissions-service.ts'
import { WEBHOOK_EVENTS } from '../webhooks/outbox.ts'

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
export const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` })

const string = { type: 'string' }
const dateTime = { type: 'string', format: 'date-time' }
const sha256Hex = { type: 'string', pattern: '^[0-9a-f]{64}$' }
const CONTRACT_ID = {
  type: 'string',
  pattern: '^[ABC][0-9]{12}$',
  description: 'R1.29: A, B or C and 12 digits',
}

const object = (properties: Record<string, unknown>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
})

/** Each document's `kind` and its schema. */
const DOCUMENTS: Record<string, string> = {
  contract: 'Contract',
  annex: 'Annex',
  amendment: 'Amendment',
  suspension: 'Suspension',
  termination: 'Termination',
  paper_conversion: 'PaperConversion',
}

/** Any contract document, told apart by its `kind` (mapped: the values are not the schema names). */
export const anyDocument = {
  oneOf: Object.values(DOCUMENTS).map(ref),
  discriminator: {
    propertyName: 'kind',
    mapping: Object.fromEntries(Object.entries(DOCUMENTS).map(([kind, name]) => [kind, ref(name).$ref])),
  },
}

export const PROBLEM_JSON = 'application/problem+json'

/** An RFC 9457 answer; the stable codes it may carry are listed so clients can branch on them. */
export function problem(description: string, codes: string[]) {
  return {
    description: `${description}. Codes: ${codes.join(', ')}`,
    content: { [PROBLEM_JSON]: { schema: ref('Problem') } },
  }
}

export const SCOPE_TEXT: Record<(typeof PROVIDER_SCOPES)[number], string> = {
  'submissions:write': 'Gửi hợp đồng và văn bản / Submit contracts and lifecycle documents',
  'submissions:read':
    'Đọc hồ sơ đã gửi, quyết định và biên nhận / Read own submissions, decisions and receipts',
}

const schemas = {
  Contract,
  Annex,
  Amendment,
  Suspension,
  Termination,
  PaperConversion,
  Text: object({ vi: string, en: string }),
  Finding: object({
    ruleId: { type: 'string', description: 'LEGAL.md id of the rule, e.g. R4.3' },
    code: { type: 'string', description: 'Stable code, e.g. CONTRACT_TERM_EXCEEDS_36_MONTHS' },
    severity: { type: 'string', enum: ['error', 'warning'] },
    path: { type: 'string', description: 'JSON pointer to the field' },
    message: ref('Text'),
  }),
  Problem: object(
    {
      type: { type: 'string', description: 'urn:elc:problem:{code}' },
      title: { type: 'string', description: 'The Vietnamese text' },
      status: { type: 'integer' },
      code: { type: 'string', description: 'Stable machine code' },
      ruleId: { type: 'string', description: 'LEGAL.md id of the rule enforced, where there is one' },
      messages: ref('Text'),
      findings: { type: 'array', items: ref('Finding') },
    },
    ['type', 'title', 'status', 'code', 'messages'],
  ),
  ValidationReport: object(
    {
      recognised: { type: 'boolean' },
      kind: string,
      valid: { type: 'boolean' },
      findings: { type: 'array', items: ref('Finding') },
    },
    ['recognised', 'valid', 'findings'],
  ),
  Rule: object({
    ruleId: string,
    code: string,
    severity: { type: 'string', enum: ['error', 'warning'] },
    tag: {
      type: 'string',
      enum: ['P', 'S', 'K', 'C'],
      description: 'How sure LEGAL.md is: quoted law, secondary, unverified, conflicting sources',
    },
    kind: string,
    uses: { type: 'array', items: string, description: 'JSON pointers the check reads' },
    title: ref('Text'),
  }),
  Health: object({ status: { type: 'string', enum: ['ok'] } }),
  Readiness: object({
    status: { type: 'string', enum: ['ready', 'not_ready'] },
    database: { type: 'string', enum: ['pglite', 'postgres'] },
  }),

  SubmissionRequest: object(
    {
      kind: {
        type: 'string',
        enum: [...SUBMISSION_KINDS],
        description: 'new (A or C), conversion (B, R1.21), or a lifecycle document of `parentContractId`',
      },
      parentContractId: {
        ...CONTRACT_ID,
        description: 'Required for annex, amendment, suspension, termination',
      },
      data: { ...anyDocument, description: 'The structured data, as embedded in the signed PDF' },
      pdf: {
        type: 'string',
        contentEncoding: 'base64',
        contentMediaType: 'application/pdf',
        description: 'The signed and certified PDF, base64',
      },
    },
    ['kind', 'data', 'pdf'],
  ),
  Reason: object({ code: string, ruleId: string, message: ref('Text') }),
  Submission: object(
    {
      id: { type: 'string', format: 'uuid' },
      kind: { type: 'string', enum: [...SUBMISSION_KINDS] },
      status: { type: 'string', enum: ['accepted', 'decided'] },
      receivedAt: dateTime,
      deadlineAt: { ...dateTime, description: 'R1.31: 24 hours after receipt' },
      decision: { type: 'string', enum: ['issued', 'attached', 'refused'] },
      contractId: CONTRACT_ID,
      reasons: { type: 'array', items: ref('Reason'), description: 'Why it was refused (formal failures)' },
      findings: {
        type: 'array',
        items: ref('Finding'),
        description: 'Labor-code findings: recorded, not blocking',
      },
      ledgerIndex: { type: 'integer', minimum: 0 },
    },
    ['id', 'kind', 'status', 'receivedAt', 'deadlineAt'],
  ),
  Receipt: object({
    format: { type: 'string', enum: [RECEIPT_FORMAT] },
    entry: { type: 'string', contentEncoding: 'base64', description: 'The ledger entry bytes' },
    index: { type: 'integer', minimum: 0 },
    treeSize: { type: 'integer', minimum: 1 },
    inclusionProof: {
      type: 'array',
      items: string,
      description: 'Sibling hashes, base64, leaf to root',
    },
    checkpoint: { type: 'string', description: 'The signed checkpoint note of size treeSize' },
  }),
  SubmissionReceipt: object({ submission: ref('Submission'), receipt: ref('Receipt') }),
  ReceiptPending: object({ status: { type: 'string', enum: ['accepted'] } }),
  ContractDocument: object({
    kind: { type: 'string', description: 'contract, or the lifecycle document’s kind' },
    sha256: sha256Hex,
    at: dateTime,
  }),
  ContractSummary: object({
    contractId: CONTRACT_ID,
    issuedAt: dateTime,
    employerTaxCode: string,
    documents: { type: 'array', items: ref('ContractDocument') },
  }),
  JwkSet: object({ keys: { type: 'array', items: ref('Jwk') } }),
  Verification: object(
    {
      contractId: CONTRACT_ID,
      issuedAt: dateTime,
      documents: {
        type: 'array',
        items: ref('ContractDocument'),
        description: 'The contract and its lifecycle documents, oldest first',
      },
      documentMatches: { type: 'boolean', description: 'Present when sha256 was given' },
    },
    ['contractId', 'issuedAt', 'documents'],
  ),

  Webhook: object({ url: { type: 'string', format: 'uri' }, updatedAt: dateTime }),
  DecisionNotice: object({
    id: { type: 'string', format: 'uuid', description: 'Also the ELC-Delivery header' },
    event: { type: 'string', enum: [...WEBHOOK_EVENTS] },
    createdAt: dateTime,
    submission: ref('Submission'),
    receipt: {
      type: 'string',
      description:
        'Path of the receipt (GET /v1/submissions/{id}/receipt): it answers once a checkpoint covers the decision',
    },
  }),
  TokenRequest: object(
    {
      grant_type: { type: 'string', enum: ['client_credentials'] },
      client_assertion_type: {
        type: 'string',
        enum: ['urn:ietf:params:oauth:client-assertion-type:jwt-bearer'],
      },
      client_assertion: {
        type: 'string',
        description:
          'RFC 7523 JWT signed by a registered key of the provider: iss = sub = provider id, aud = the token endpoint, short exp, unique jti',
      },
      client_id: { type: 'string', description: 'The provider id; optional, must match the assertion' },
      scope: { type: 'string', description: 'Space-separated; default all the provider may have' },
    },
    ['grant_type', 'client_assertion_type', 'client_assertion'],
  ),
  TokenResponse: object({
    access_token: { type: 'string', description: 'RFC 9068 JWT' },
    token_type: { type: 'string', enum: ['Bearer'] },
    expires_in: { type: 'integer' },
    scope: string,
  }),
  OAuthError: object(
    {
      error: {
        type: 'string',
        enum: [
          'invalid_request',
          'invalid_client',
          'invalid_grant',
          'unauthorized_client',
          'unsupported_grant_type',
          'invalid_scope',
          'server_error',
        ],
      },
      error_description: string,
    },
    ['error'],
  ),

  ProviderInformation: object({
    id: { type: 'string', format: 'uuid' },
    name: string,
    taxCode: string,
    website: { type: 'string', format: 'uri' },
    serviceName: string,
    supportContact: string,
    feeScheduleUrl: { type: 'string', format: 'uri' },
    termsUrl: { type: 'string', format: 'uri' },
  }),
  Provider: {
    allOf: [ref('ProviderInformation'), object({ createdAt: dateTime })],
  },
  AgreementStatus: { type: 'string', enum: [...AGREEMENT_STATUSES] },
  Agreement: object({
    id: { type: 'string', format: 'uuid' },
    providerId: { type: 'string', format: 'uuid' },
    reference: { type: ['string', 'null'] },
    status: ref('AgreementStatus'),
    statusChangedAt: dateTime,
    statusReason: { type: ['string', 'null'] },
    notifiedAt: { type: ['string', 'null'], format: 'date-time' },
    effectiveNoticeEnd: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'R1.34: end of the 3-working-day notice',
    },
  }),
  AgreementEvent: object({
    fromStatus: { anyOf: [ref('AgreementStatus'), { type: 'null' }] },
    toStatus: ref('AgreementStatus'),
    reason: { type: ['string', 'null'] },
    actor: string,
    at: dateTime,
    notifiedAt: { type: ['string', 'null'], format: 'date-time' },
    effectiveNoticeEnd: { type: ['string', 'null'], format: 'date-time' },
  }),
  Jwk: {
    type: 'object',
    required: ['kty'],
    properties: { kty: string, kid: string },
    additionalProperties: true,
  },
  ProviderKey: object({
    kid: string,
    jwk: ref('Jwk'),
    addedAt: dateTime,
    retiredAt: { type: ['string', 'null'], format: 'date-time' },
  }),
  ProviderRegistration: object(
    {
      name: string,
      taxCode: string,
      website: { type: 'string', format: 'uri' },
      serviceName: string,
      supportContact: string,
      feeScheduleUrl: { type: 'string', format: 'uri' },
      termsUrl: { type: 'string', format: 'uri' },
      agreementReference: string,
    },
    ['name', 'taxCode', 'website', 'serviceName', 'supportContact', 'feeScheduleUrl', 'termsUrl'],
  ),
  ProviderSelf: object({
    provider: ref('Provider'),
    agreement: object({ status: ref('AgreementStatus'), statusChangedAt: dateTime }),
    scopes: { type: 'array', items: { type: 'string', enum: [...PROVIDER_SCOPES] } },
  }),
  Role: { type: 'string', enum: [...ALL_ROLES] },
  Grant: object(
    {
      role: ref('Role'),
      employerTaxCode: string,
      province: string,
      agreementId: string,
      providerTaxCode: string,
    },
    ['role'],
  ),
  GrantRequest: object(
    {
      personalId: {
        type: 'string',
        description: 'The grantee’s personal ID number (stored as a keyed hash)',
      },
      role: ref('Role'),
      province: string,
      employerTaxCode: string,
      agreementId: string,
      providerTaxCode: string,
      holderOrganisationTaxCode: string,
    },
    ['personalId', 'role'],
  ),
  Me: object(
    {
      signedIn: { type: 'boolean' },
      level: { type: 'integer', enum: [1, 2] },
      accountType: { type: 'string', enum: ['person', 'organisation'] },
      subject: string,
      name: string,
      personalId: string,
      taxCode: string,
      grants: { type: 'array', items: ref('Grant') },
    },
    ['signedIn'],
  ),
}

const wwwAuthenticate = {
  'WWW-Authenticate': { description: 'RFC 6750 §3', schema: { type: 'string' } },
}

const responses = {
  TokenRequired: {
    ...problem('No valid provider access token (RFC 6750)', ['AUTH_TOKEN_REQUIRED']),
    headers: wwwAuthenticate,
  },
  ScopeMissing: {
    ...problem('The token lacks a required scope', ['AUTH_FORBIDDEN']),
    headers: wwwAuthenticate,
  },
  SignInRequired: problem('Sign in with VNeID (R1.33)', ['AUTH_REQUIRED']),
  AdminOnly: problem('A platform administrator at VNeID level 2 only, with a valid CSRF token', [
    'AUTH_FORBIDDEN',
    'AUTH_LEVEL2_REQUIRED',
    'AUTH_CSRF_INVALID',
  ]),
  PartyOnly: problem('A worker, employer administrator or HR staff member at VNeID level 2 only (R1.12)', [
    'AUTH_FORBIDDEN',
    'AUTH_LEVEL2_REQUIRED',
  ]),
  InternalError: problem('Unexpected failure; nothing internal is disclosed', ['INTERNAL_ERROR']),
}

const securitySchemes = {
  providerToken: {
    type: 'oauth2',
    description:
      'eContract providers’ systems: OAuth 2.0 client credentials, the client authenticated with private_key_jwt (RFC 7523, a JWT signed by a key registered with the connection agreement). Access tokens are short-lived RFC 9068 JWTs; a suspended connection gets no new token (R1.34).',
    flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: SCOPE_TEXT } },
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'elc_session',
    description: 'Session after VNeID sign-in (/auth/login); roles and assurance level come with it',
  },
  csrf: {
    type: 'apiKey',
    in: 'header',
    name: 'x-csrf-token',
    description: 'Required with the session on requests that change state',
  },
}

export const components = { schemas, responses, securitySchemes }
