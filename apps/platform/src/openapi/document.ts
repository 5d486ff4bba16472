// The published OpenAPI 3.1 document, built from the same JSON Schemas the validator enforces.
import { Amendment, Annex, Contract, PaperConversion, Suspension, Termination } from '@elc/core'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

const Text = {
  type: 'object',
  required: ['vi', 'en'],
  properties: { vi: { type: 'string' }, en: { type: 'string' } },
}

const Finding = {
  type: 'object',
  required: ['ruleId', 'code', 'severity', 'path', 'message'],
  properties: {
    ruleId: { type: 'string', description: 'LEGAL.md id of the rule, e.g. R4.3' },
    code: { type: 'string', description: 'Stable code, e.g. CONTRACT_TERM_EXCEEDS_36_MONTHS' },
    severity: { enum: ['error', 'warning'] },
    path: { type: 'string', description: 'JSON pointer to the field' },
    message: ref('Text'),
  },
}

const Problem = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'code', 'messages'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    ruleId: { type: 'string' },
    messages: ref('Text'),
  },
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
})

export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nền tảng hợp đồng lao động điện tử — ELC Platform API',
      version,
      description:
        'Electronic labor contracts under Decree 337/2025/NĐ-CP and Circular 08/2026/TT-BNV. Errors are RFC 9457 problem details with Vietnamese and English text.',
    },
    paths: {
      '/v1/validations': {
        post: {
          summary: 'Kiểm tra hợp đồng theo Bộ luật Lao động / Validate a contract or lifecycle document',
          operationId: 'validateDocument',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    'Contract',
                    'Annex',
                    'Amendment',
                    'Suspension',
                    'Termination',
                    'PaperConversion',
                  ].map(ref),
                  discriminator: { propertyName: 'kind' },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'Findings; `valid` is false when any finding is an error',
              content: { 'application/json': { schema: ref('ValidationReport') } },
            },
            '400': problemResponse('The body is not JSON'),
            '415': problemResponse('The body is not application/json'),
            '422': problemResponse('The body is not a contract document'),
          },
        },
      },
      '/v1/rules': {
        get: {
          summary: 'Các quy tắc kiểm tra / The validation rules',
          operationId: 'listRules',
          responses: {
            '200': { description: 'Every rule with its LEGAL.md id, code, severity and certainty' },
          },
        },
      },
      '/health': {
        get: { summary: 'Liveness', operationId: 'health', responses: { '200': { description: 'Running' } } },
      },
      '/ready': {
        get: {
          summary: 'Readiness: the database answers',
          operationId: 'ready',
          responses: { '200': { description: 'Ready' }, '503': { description: 'Not ready' } },
        },
      },
    },
    components: {
      schemas: {
        Contract,
        Annex,
        Amendment,
        Suspension,
        Termination,
        PaperConversion,
        Text,
        Finding,
        Problem,
        ValidationReport: {
          type: 'object',
          required: ['recognised', 'valid', 'findings'],
          properties: {
            recognised: { type: 'boolean' },
            kind: { type: 'string' },
            valid: { type: 'boolean' },
            findings: { type: 'array', items: ref('Finding') },
          },
        },
      },
    },
  }
}
