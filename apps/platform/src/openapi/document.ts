// The published OpenAPI 3.1 document: every route the Platform serves, its access rule (`x-elc-access`,
// the route's own `config.access`), request and response schemas and problem+json answers. The routes check
// their input in code (an unauthenticated caller must get 401 before any description of the body), so this
// document is kept beside them and test/openapi.test.ts fails when a route is served without an entry.
import { oversightPaths, oversightSchemas } from '../oversight/openapi.ts'
import { WEBHOOK_EVENTS } from '../webhooks/outbox.ts'
import { anyDocument, components, problem, ref, responseRef } from './components.ts'

export { components } from './components.ts'

/** More of the API, documented by the module that serves it (e.g. webhooks to providers' systems). */
export interface OpenApiExtension {
  paths?: Record<string, Record<string, unknown>>
  /** OpenAPI 3.1 `webhooks`: the requests the Platform sends, keyed by event name. */
  webhooks?: Record<string, Record<string, unknown>>
  schemas?: Record<string, unknown>
}

/** Routes served but not described here, and why. */
export const UNDOCUMENTED_ROUTES: Record<string, string> = {
  'GET /': 'HTML front page',
  'GET /account': 'HTML account page (signed-in users)',
  'GET /auth/login': 'browser redirect to VNeID (OpenID Connect)',
  'GET /auth/callback': 'browser redirect back from VNeID (OpenID Connect)',
  'POST /auth/logout': 'HTML form post ending in a redirect',
  'GET /ledger/*': 'C2SP tlog-tiles (checkpoint, tiles, entries), specified there',
}

const PUBLIC = { security: [], 'x-elc-access': { public: true } }
const provider = (scope: 'submissions:read' | 'submissions:write') => ({
  security: [{ providerToken: [scope] }],
  'x-elc-access': { provider: [scope] },
})
const providerErrors = {
  '401': responseRef('TokenRequired'),
  '403': responseRef('ScopeMissing'),
  '500': responseRef('InternalError'),
}
const ADMIN_READ = {
  security: [{ session: [] }],
  'x-elc-access': { roles: ['platform-admin'], level: 2 },
}
const ADMIN_WRITE = { ...ADMIN_READ, security: [{ session: [], csrf: [] }] }
const adminErrors = {
  '401': responseRef('SignInRequired'),
  '403': responseRef('AdminOnly'),
  '500': responseRef('InternalError'),
}

const PARTY = {
  security: [{ session: [] }],
  'x-elc-access': { roles: ['worker', 'employer-admin', 'hr-staff'], level: 2 },
}
const partyErrors = {
  '401': responseRef('SignInRequired'),
  '403': responseRef('PartyOnly'),
  '500': responseRef('InternalError'),
}

const json = (schema: unknown, description: string, extra: Record<string, unknown> = {}) => ({
  description,
  content: { 'application/json': { schema } },
  ...extra,
})
const jsonBody = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } })
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
})

const BODY_ERRORS = ['BODY_NOT_JSON', 'BODY_EMPTY', 'UNSUPPORTED_MEDIA_TYPE']

const paths = {
  '/health': {
    get: {
      summary: 'Liveness',
      operationId: 'health',
      ...PUBLIC,
      responses: { '200': json(ref('Health'), 'Running') },
    },
  },
  '/ready': {
    get: {
      summary: 'Readiness: the database answers',
      operationId: 'ready',
      ...PUBLIC,
      responses: {
        '200': json(ref('Readiness'), 'Ready'),
        '503': json(ref('Readiness'), 'Not ready'),
      },
    },
  },
  '/openapi.json': {
    get: {
      summary: 'This document',
      operationId: 'openApi',
      ...PUBLIC,
      responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1') },
    },
  },
  '/metrics': {
    get: {
      summary: 'Prometheus metrics',
      description:
        'Process, HTTP (by route pattern) and submission pipeline metrics. No personal data; in production reachable from the operator’s network only, and with a bearer secret when one is configured.',
      operationId: 'metrics',
      ...PUBLIC,
      responses: {
        '200': {
          description: 'Prometheus text exposition format 0.0.4',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
        '401': problem('The configured bearer secret is missing or wrong', ['METRICS_TOKEN_REQUIRED']),
      },
    },
  },
  '/v1/validations': {
    post: {
      summary: 'Kiểm tra hợp đồng theo Bộ luật Lao động / Validate a contract or lifecycle document',
      operationId: 'validateDocument',
      ...PUBLIC,
      requestBody: jsonBody(anyDocument),
      responses: {
        '200': json(ref('ValidationReport'), 'Findings; `valid` is false when any finding is an error'),
        '400': problem('The body is not JSON', BODY_ERRORS),
        '413': problem('The body is larger than 1 MiB', ['BODY_TOO_LARGE']),
        '415': problem('The body is not application/json', ['UNSUPPORTED_MEDIA_TYPE']),
        '422': problem('The body is not a contract document', ['DOCUMENT_NOT_RECOGNISED']),
      },
    },
  },
  '/v1/rules': {
    get: {
      summary: 'Các quy tắc kiểm tra / The validation rules',
      operationId: 'listRules',
      ...PUBLIC,
      responses: {
        '200': json(
          { type: 'array', items: ref('Rule') },
          'Every rule with its LEGAL.md id, code, severity and certainty',
        ),
      },
    },
  },
  '/ledger/key': {
    get: {
      summary: 'The ledger’s verifier key (signed note format), for auditors and witnesses',
      operationId: 'ledgerKey',
      ...PUBLIC,
      responses: {
        '200': {
          description: 'The key, one line',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
      },
    },
  },
  '/v1/providers': {
    get: {
      summary: 'Các nhà cung cấp đã kết nối / Connected eContract providers (R1.17)',
      operationId: 'listProviders',
      ...PUBLIC,
      responses: {
        '200': json(
          {
            type: 'object',
            required: ['providers'],
            properties: { providers: { type: 'array', items: ref('ProviderInformation') } },
          },
          'Providers with an active connection and their public service information',
        ),
      },
    },
  },
  '/v1/provider': {
    get: {
      summary: 'The calling provider’s own record, connection status and scopes',
      operationId: 'ownProvider',
      ...provider('submissions:read'),
      responses: {
        '200': json(ref('ProviderSelf'), 'The provider the token stands for'),
        '404': problem('The provider is no longer registered', ['PROVIDER_NOT_FOUND']),
        ...providerErrors,
      },
    },
  },
  '/oauth/token': {
    post: {
      summary: 'Access token for a provider’s system (client credentials, private_key_jwt)',
      description:
        'RFC 6749 §4.4 with client authentication by RFC 7523 §2.2. Errors are RFC 6749 §5.2 JSON, as OAuth clients expect, not problem+json.',
      operationId: 'token',
      ...PUBLIC,
      requestBody: {
        required: true,
        content: { 'application/x-www-form-urlencoded': { schema: ref('TokenRequest') } },
      },
      responses: {
        '200': json(ref('TokenResponse'), 'A short-lived access token', {
          headers: { 'Cache-Control': { schema: { type: 'string', enum: ['no-store'] } } },
        }),
        '400': json(ref('OAuthError'), 'The request is malformed, or the grant or scope is refused'),
        '401': json(ref('OAuthError'), 'Client authentication failed (invalid_client)'),
        '500': json(ref('OAuthError'), 'server_error'),
      },
    },
  },
  '/v1/submissions': {
    post: {
      summary: 'Gửi hợp đồng / Submit a contract or a lifecycle document',
      description:
        'Accepted at once (202) and decided within seconds; poll the submission or its receipt. The same Idempotency-Key with the same body answers the submission already made (200 once decided).',
      operationId: 'submit',
      ...provider('submissions:write'),
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          schema: { type: 'string', minLength: 8, maxLength: 200 },
        },
      ],
      requestBody: jsonBody(ref('SubmissionRequest')),
      responses: {
        '200': json(ref('Submission'), 'A replay of a submission already decided'),
        '202': json(ref('Submission'), 'Accepted; to be decided', {
          headers: { Location: { schema: { type: 'string' }, description: '/v1/submissions/{id}' } },
        }),
        '400': problem('The request is incomplete or malformed', [
          'SUBMISSION_IDEMPOTENCY_KEY_MISSING',
          'SUBMISSION_PDF_MISSING',
          'SUBMISSION_NOT_A_PDF',
          'SUBMISSION_KIND_INVALID',
          ...BODY_ERRORS,
        ]),
        '409': problem('The Idempotency-Key was used with another body', ['SUBMISSION_IDEMPOTENCY_CONFLICT']),
        '413': problem('The PDF or the body is larger than allowed', [
          'SUBMISSION_PDF_TOO_LARGE',
          'BODY_TOO_LARGE',
        ]),
        '415': problem('The body is not application/json', ['UNSUPPORTED_MEDIA_TYPE']),
        '422': problem('The parent contract ID is unknown (R1.30)', ['SUBMISSION_PARENT_UNKNOWN']),
        ...providerErrors,
      },
    },
  },
  '/v1/submissions/{id}': {
    get: {
      summary: 'A submission and its decision',
      operationId: 'submission',
      ...provider('submissions:read'),
      parameters: [pathParam('id', 'The submission id')],
      responses: {
        '200': json(ref('Submission'), 'The submission; decision, contractId and reasons once decided'),
        '404': problem('No submission of the calling provider has this id', ['SUBMISSION_NOT_FOUND']),
        ...providerErrors,
      },
    },
  },
  '/v1/submissions/{id}/receipt': {
    get: {
      summary: 'Biên nhận / The decision’s ledger receipt, checkable offline',
      operationId: 'receipt',
      ...provider('submissions:read'),
      parameters: [pathParam('id', 'The submission id')],
      responses: {
        '200': json(ref('SubmissionReceipt'), 'The decision with its inclusion proof and signed checkpoint'),
        '202': json(ref('ReceiptPending'), 'Not decided yet'),
        '404': problem('No submission of the calling provider has this id', ['SUBMISSION_NOT_FOUND']),
        ...providerErrors,
      },
    },
  },
  '/v1/provider/webhook': {
    put: {
      summary: 'Set the endpoint that receives the provider’s decision notices',
      description:
        'https only (http to loopback for tests). Notices are sent from then on; past decisions are not replayed.',
      operationId: 'setWebhook',
      ...provider('submissions:write'),
      requestBody: jsonBody({
        type: 'object',
        required: ['url'],
        properties: { url: { type: 'string', format: 'uri', maxLength: 2000 } },
      }),
      responses: {
        '200': json(ref('Webhook'), 'The endpoint as stored'),
        '400': problem('Not an acceptable URL', ['WEBHOOK_URL_INVALID', ...BODY_ERRORS]),
        ...providerErrors,
      },
    },
    get: {
      summary: 'The provider’s notice endpoint',
      operationId: 'webhook',
      ...provider('submissions:read'),
      responses: {
        '200': json(ref('Webhook'), 'The endpoint'),
        '404': problem('No endpoint is set', ['WEBHOOK_NOT_SET']),
        ...providerErrors,
      },
    },
  },
  '/v1/verify': {
    get: {
      summary: 'Tra cứu hợp đồng / Check a contract ID, its status and a document hash',
      description: 'Open to anyone holding a contract; no personal data is returned.',
      operationId: 'verify',
      ...PUBLIC,
      parameters: [
        { name: 'contractId', in: 'query', required: true, schema: { type: 'string' } },
        {
          name: 'sha256',
          in: 'query',
          required: false,
          schema: { type: 'string' },
          description: 'SHA-256 (hex) of a PDF, checked against the contract’s documents',
        },
      ],
      responses: {
        '200': json(ref('Verification'), 'The contract’s documents'),
        '400': problem('contractId is missing', ['VERIFY_CONTRACT_ID_MISSING']),
        '404': problem('No contract has this ID', ['CONTRACT_NOT_FOUND']),
      },
    },
  },

  '/.well-known/jwks.json': {
    get: {
      summary: 'The Platform’s public keys: access tokens and webhook signatures verify with them',
      operationId: 'jwks',
      ...PUBLIC,
      responses: { '200': json(ref('JwkSet'), 'RFC 7517 JWK Set') },
    },
  },
  '/me/contracts': {
    get: {
      summary: 'Hợp đồng của tôi / The signed-in worker’s or employer’s own contracts (R1.33, level 2)',
      operationId: 'myContracts',
      ...PARTY,
      responses: {
        '200': json(
          {
            type: 'object',
            required: ['contracts'],
            properties: { contracts: { type: 'array', items: ref('ContractSummary') } },
          },
          'Newest first, at most 500',
        ),
        ...partyErrors,
      },
    },
  },
  '/me/contracts/{contractId}/pdf': {
    get: {
      summary: 'Download one of my contracts, the signed PDF',
      operationId: 'myContractPdf',
      ...PARTY,
      parameters: [pathParam('contractId', 'The contract ID')],
      responses: {
        '200': {
          description: 'The signed PDF as submitted',
          content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
        },
        '404': problem('The caller holds no contract with this ID', ['CONTRACT_NOT_FOUND']),
        ...partyErrors,
      },
    },
  },
  '/auth/me': {
    get: {
      summary: 'Who is signed in; details only at VNeID level 2',
      operationId: 'me',
      ...PUBLIC,
      responses: { '200': json(ref('Me'), 'signedIn false without a session') },
    },
  },
  '/auth/backchannel-logout': {
    post: {
      summary: 'OpenID Connect Back-Channel Logout from VNeID',
      operationId: 'backchannelLogout',
      ...PUBLIC,
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              required: ['logout_token'],
              properties: { logout_token: { type: 'string' } },
            },
          },
        },
      },
      responses: {
        '200': { description: 'The sessions are ended' },
        '400': json(
          { type: 'object', properties: { error: { type: 'string', enum: ['invalid_request'] } } },
          'Not a valid logout token',
        ),
      },
    },
  },
  '/admin/grants': {
    post: {
      summary: 'Grant a role to a person (D20.1: never to an outsourced operator’s staff as administrator)',
      operationId: 'grantRole',
      ...ADMIN_WRITE,
      requestBody: jsonBody(ref('GrantRequest')),
      responses: {
        '201': json(
          { type: 'object', required: ['granted'], properties: { granted: ref('Role') } },
          'Granted',
        ),
        '400': problem('The request is incomplete', ['GRANT_REQUEST_INVALID', 'GRANT_PERSONAL_ID_INVALID']),
        '422': problem('The grant is not allowed as asked', [
          'GRANT_ROLE_UNKNOWN',
          'GRANT_SCOPE_MISSING',
          'GRANT_OPERATOR_ADMIN_FORBIDDEN',
        ]),
        ...adminErrors,
      },
    },
  },
  '/admin/platform-keys/rotate': {
    post: {
      summary:
        'Rotate the Platform’s signing key: the new key signs access tokens and webhook notices; the previous ones stay in the JWKS for 48 hours',
      operationId: 'rotatePlatformKey',
      ...ADMIN_WRITE,
      responses: {
        '201': json(
          {
            type: 'object',
            required: ['kid', 'published'],
            properties: { kid: { type: 'string' }, published: { type: 'array', items: { type: 'string' } } },
          },
          'The new key id, and every key id now published',
        ),
        ...adminErrors,
      },
    },
  },
  '/admin/providers': {
    post: {
      summary: 'Register an eContract provider and open its connection agreement (pending)',
      operationId: 'registerProvider',
      ...ADMIN_WRITE,
      requestBody: jsonBody(ref('ProviderRegistration')),
      responses: {
        '201': json(
          {
            type: 'object',
            required: ['provider', 'agreement'],
            properties: { provider: ref('Provider'), agreement: ref('Agreement') },
          },
          'Registered',
        ),
        '400': problem('A field is missing or malformed', ['PROVIDER_REQUEST_INVALID']),
        '409': problem('A provider with this tax code exists', ['PROVIDER_TAX_CODE_TAKEN']),
        ...adminErrors,
      },
    },
  },
  '/admin/providers/{providerId}': {
    get: {
      summary: 'A provider, its agreement with its history, and its keys',
      operationId: 'adminProvider',
      ...ADMIN_READ,
      parameters: [pathParam('providerId', 'The provider id')],
      responses: {
        '200': json(
          {
            type: 'object',
            required: ['provider', 'agreement', 'history', 'keys'],
            properties: {
              provider: ref('Provider'),
              agreement: ref('Agreement'),
              history: { type: 'array', items: ref('AgreementEvent') },
              keys: { type: 'array', items: ref('ProviderKey') },
            },
          },
          'The provider',
        ),
        '404': problem('No such provider', ['PROVIDER_NOT_FOUND']),
        ...adminErrors,
      },
    },
  },
  '/admin/providers/{providerId}/agreement/status': {
    post: {
      summary:
        'Activate, suspend or refuse a connection (R1.34: suspension takes effect for new tokens at once)',
      operationId: 'changeAgreementStatus',
      ...ADMIN_WRITE,
      parameters: [pathParam('providerId', 'The provider id')],
      requestBody: jsonBody({
        type: 'object',
        required: ['status'],
        properties: {
          status: { type: 'string', enum: ['active', 'suspended', 'refused'] },
          reason: { type: 'string', maxLength: 2000 },
        },
      }),
      responses: {
        '200': json(
          { type: 'object', required: ['agreement'], properties: { agreement: ref('Agreement') } },
          'The agreement after the change',
        ),
        '400': problem('The status or reason is invalid', [
          'PROVIDER_REQUEST_INVALID',
          'AGREEMENT_REASON_REQUIRED',
        ]),
        '404': problem('No such provider', ['PROVIDER_NOT_FOUND']),
        '409': problem('This transition is not allowed', ['AGREEMENT_TRANSITION_INVALID']),
        ...adminErrors,
      },
    },
  },
  '/admin/providers/{providerId}/keys': {
    post: {
      summary: 'Register a public key for the provider’s client assertions',
      operationId: 'addProviderKey',
      ...ADMIN_WRITE,
      parameters: [pathParam('providerId', 'The provider id')],
      requestBody: jsonBody({ type: 'object', required: ['jwk'], properties: { jwk: ref('Jwk') } }),
      responses: {
        '201': json(
          {
            type: 'object',
            required: ['kid', 'jwk'],
            properties: { kid: { type: 'string' }, jwk: ref('Jwk') },
          },
          'Added',
        ),
        '400': problem('Not an acceptable public key (ES256, ES384, EdDSA, PS256)', ['PROVIDER_KEY_INVALID']),
        '404': problem('No such provider', ['PROVIDER_NOT_FOUND']),
        '409': problem('A key with this kid exists', ['PROVIDER_KEY_EXISTS']),
        ...adminErrors,
      },
    },
  },
  '/admin/providers/{providerId}/keys/{kid}/retire': {
    post: {
      summary: 'Retire a provider key: assertions signed with it are refused from now on',
      operationId: 'retireProviderKey',
      ...ADMIN_WRITE,
      parameters: [pathParam('providerId', 'The provider id'), pathParam('kid', 'The key id')],
      responses: {
        '200': json(
          { type: 'object', required: ['retired'], properties: { retired: { type: 'string' } } },
          'Retired',
        ),
        '404': problem('No such provider or key', ['PROVIDER_NOT_FOUND', 'PROVIDER_KEY_NOT_FOUND']),
        ...adminErrors,
      },
    },
  },
}

/** What the Platform sends to a provider's endpoint (OpenAPI 3.1 `webhooks`). */
const webhooks = {
  'submission.decided': {
    post: {
      summary: 'A submission of the provider was decided',
      description:
        'At least once, retried with growing delays for up to 24 hours (R1.31) until a 2xx answer; drop repeats by ELC-Delivery. Check ELC-Signature against /.well-known/jwks.json before trusting the body. Redirects are not followed.',
      operationId: 'submissionDecided',
      parameters: [
        {
          name: 'ELC-Signature',
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description:
            'RFC 7797 detached JWS (ES256, b64 false, kid) over the exact body bytes: header..signature',
        },
        {
          name: 'ELC-Delivery',
          in: 'header',
          required: true,
          schema: { type: 'string', format: 'uuid' },
          description: 'The notice id, the same on every retry',
        },
        {
          name: 'ELC-Event',
          in: 'header',
          required: true,
          schema: { type: 'string', enum: [...WEBHOOK_EVENTS] },
        },
      ],
      requestBody: jsonBody(ref('DecisionNotice')),
      responses: { '2XX': { description: 'Received; any other answer is retried' } },
    },
  },
}

export function openApiDocument(version: string, extension: OpenApiExtension = {}) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nền tảng hợp đồng lao động điện tử — ELC Platform API',
      version,
      description:
        'Electronic labor contracts under Decree 337/2025/NĐ-CP and Circular 08/2026/TT-BNV. Errors are RFC 9457 problem details (application/problem+json) with a stable `code`, the `ruleId` enforced where there is one, and Vietnamese and English text; the token endpoint answers OAuth 2.0 errors.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    paths: { ...paths, ...oversightPaths, ...extension.paths },
    webhooks: { ...webhooks, ...extension.webhooks },
    components: {
      ...components,
      schemas: { ...components.schemas, ...oversightSchemas, ...extension.schemas },
    },
  }
}
