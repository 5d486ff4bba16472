// /openapi.json against the Platform itself: every route it serves (from its access table) is documented with
// the same method and the same access rule, nothing documented is missing from it, and the document holds
// together as OpenAPI 3.1 (every $ref resolves, path parameters match, security names exist).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDatabase, type Database } from '@elc/db'
import { generateNoteKey } from '@elc/ledger'
import { TrustStore } from '@elc/pki'
import { FileBlobStore, PiiCipher } from '@elc/storage'
import { routeAccessTable } from '@elc/web-auth'
import openapiTS from 'openapi-typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPlatform, PLATFORM_VERSION } from '../src/app.ts'
import { openPlatformLedger, type PlatformLedger } from '../src/ledger/open-ledger.ts'
import { registerMetrics } from '../src/metrics/index.ts'
import { openApiDocument, UNDOCUMENTED_ROUTES } from '../src/openapi/document.ts'

type Json = Record<string, unknown>
type Operation = Json & { responses?: Json; security?: Json[]; parameters?: Json[]; 'x-elc-access'?: unknown }

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

let database: Database<unknown>
let ledger: PlatformLedger
let app: Awaited<ReturnType<typeof buildPlatform>>
let doc: Json & { paths: Record<string, Record<string, Operation>>; components: Json }

beforeAll(async () => {
  database = await createDatabase({ url: 'memory://' })
  ledger = await openPlatformLedger(database, {
    origin: 'nentang-hdld.test/ledger',
    signerKey: generateNoteKey('nentang-hdld.test').signerKey,
    keyFile: '/nonexistent',
  })
  // Everything on, so every route the Platform can serve is in the table.
  app = await buildPlatform({
    database,
    ledger,
    identity: {
      issuer: 'http://127.0.0.1:9/vneid',
      clientId: 'openapi',
      clientSecret: 'openapi',
      appUrl: 'http://127.0.0.1:8080',
      cookieSecret: 'tai-lieu-api-cookie-secret-0123456789abcdef',
      level2Acr: 'vneid:level2',
      allowInsecureIssuer: true,
      piiKey: 'tai-lieu-api',
    },
    submissions: {
      trust: TrustStore.fromBytes(),
      blobs: new FileBlobStore(mkdtempSync(join(tmpdir(), 'elc-openapi-'))),
      pii: new PiiCipher({
        keys: [{ id: 'k1', key: Buffer.alloc(32, 2) }],
        currentKeyId: 'k1',
        lookupKey: 'x',
      }),
    },
  })
  if (!routeAccessTable(app).some((r) => r.url === '/metrics')) registerMetrics(app)
  await app.ready()
  const response = await app.inject({ method: 'GET', url: '/openapi.json' })
  expect(response.statusCode).toBe(200)
  doc = response.json()
})

afterAll(async () => {
  await app?.close()
  await ledger?.close()
  await database?.close()
})

/** Fastify's `/v1/submissions/:id` as OpenAPI's `/v1/submissions/{id}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

function operations(): { key: string; path: string; method: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, op })),
  )
}

describe('OpenAPI document', () => {
  it('documents every route the Platform serves, with its method and access rule', () => {
    const served = routeAccessTable(app)
    expect(served.length).toBeGreaterThan(20)
    const missing: string[] = []
    const wrongAccess: string[] = []
    for (const route of served) {
      const key = `${route.method} ${route.url}`
      if (key in UNDOCUMENTED_ROUTES) continue
      const op = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()]
      if (!op) missing.push(key)
      else if (JSON.stringify(op['x-elc-access']) !== JSON.stringify(route.access)) wrongAccess.push(key)
    }
    expect(missing).toEqual([])
    expect(wrongAccess).toEqual([])
  })

  it('documents nothing the Platform does not serve, and every exclusion is a served route', () => {
    const served = new Set(routeAccessTable(app).map((r) => `${r.method} ${openApiPath(r.url)}`))
    expect(
      operations()
        .filter(({ key }) => !served.has(key))
        .map(({ key }) => key),
    ).toEqual([])
    expect(Object.keys(UNDOCUMENTED_ROUTES).filter((key) => !served.has(openApiPath(key)))).toEqual([])
  })

  it('is OpenAPI 3.1 whose every $ref resolves', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info).toMatchObject({ title: expect.any(String), version: PLATFORM_VERSION })
    const unresolved: string[] = []
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) {
        for (const [i, n] of node.entries()) walk(n, `${at}/${i}`)
      } else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref' && (typeof v !== 'string' || resolve(doc, v) === undefined))
            unresolved.push(`${at}: ${v}`)
          // Discriminator mappings are references too.
          if (k === 'mapping' && v && typeof v === 'object')
            for (const target of Object.values(v))
              if (resolve(doc, String(target)) === undefined) unresolved.push(`${at}/mapping: ${target}`)
          walk(v, `${at}/${k}`)
        }
    }
    walk(doc, '#')
    expect(unresolved).toEqual([])
  })

  it('passes the structural lint openapi-typescript applies (Redocly)', async () => {
    await expect(openapiTS(doc as never, { silent: true })).resolves.toBeDefined()
  })

  it('has unique operation ids, declared path parameters, responses, and known security schemes and scopes', () => {
    const ids = operations().map(({ op }) => op.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    const schemes = (doc.components.securitySchemes ?? {}) as Record<string, Json>
    const flows = schemes.providerToken?.flows as { clientCredentials: { scopes: Json } } | undefined
    const scopes = Object.keys(flows?.clientCredentials.scopes ?? {})
    expect(scopes.length).toBeGreaterThan(0)
    for (const { key, path, op } of operations()) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)
      expect(declared, key).toEqual(templated)
      expect(Object.keys(op.responses ?? {}).length, key).toBeGreaterThan(0)
      expect(op.security, key).toBeDefined()
      for (const requirement of op.security ?? [])
        for (const [name, wanted] of Object.entries(requirement)) {
          expect(schemes[name], `${key}: ${name}`).toBeDefined()
          if (name === 'providerToken') expect(scopes).toEqual(expect.arrayContaining(wanted as string[]))
        }
    }
  })

  it('declares the provider token: client credentials at /oauth/token with the submission scopes', () => {
    expect((doc.components.securitySchemes as Json).providerToken).toMatchObject({
      type: 'oauth2',
      description: expect.stringContaining('private_key_jwt'),
      flows: {
        clientCredentials: {
          tokenUrl: '/oauth/token',
          scopes: { 'submissions:write': expect.any(String), 'submissions:read': expect.any(String) },
        },
      },
    })
    expect(doc.paths['/v1/submissions']?.post?.security).toEqual([{ providerToken: ['submissions:write'] }])
    expect(doc.paths['/v1/verify']?.get?.security).toEqual([])
    expect(doc.paths['/oauth/token']).toMatchObject({
      post: { requestBody: { content: { 'application/x-www-form-urlencoded': expect.any(Object) } } },
    })
  })

  it('describes every error answer except the token endpoint’s as RFC 9457 problem+json', () => {
    const responses = (doc.components.responses ?? {}) as Json
    const notProblem: string[] = []
    for (const { key, op } of operations()) {
      if (key === 'POST /oauth/token' || key === 'POST /auth/backchannel-logout' || key === 'GET /ready')
        continue
      for (const [status, raw] of Object.entries(op.responses ?? {})) {
        if (Number(status) < 400) continue
        const response = (
          (raw as Json).$ref
            ? responses[
                String((raw as Json).$ref)
                  .split('/')
                  .pop() as string
              ]
            : raw
        ) as Json
        const content = response?.content as Json | undefined
        const schema = (content?.['application/problem+json'] as Json | undefined)?.schema as Json | undefined
        if (schema?.$ref !== '#/components/schemas/Problem') notProblem.push(`${key} ${status}`)
      }
    }
    expect(notProblem).toEqual([])
    expect((doc.components.schemas as Json).Problem).toMatchObject({
      required: ['type', 'title', 'status', 'code', 'messages'],
    })
  })

  it('takes more paths, webhooks and schemas from the modules that serve them', () => {
    const extended = openApiDocument('x', {
      paths: {
        '/v1/webhooks': { get: { operationId: 'listWebhooks', responses: { '200': { description: 'ok' } } } },
      },
      webhooks: {
        submissionDecided: {
          post: {
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Decided' } } },
            },
            responses: { '200': { description: 'Received' } },
          },
        },
      },
      schemas: { Decided: { type: 'object' } },
    })
    expect(extended.paths).toHaveProperty(['/v1/webhooks'])
    expect(extended.paths).toHaveProperty(['/v1/submissions'])
    expect(extended.webhooks).toHaveProperty('submissionDecided')
    expect(extended.components.schemas).toHaveProperty('Decided')
    expect(extended.components.schemas).toHaveProperty('Submission')
  })
})

/** A local JSON pointer (`#/components/schemas/X`) in `root`, or undefined. */
function resolve(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined
  let node: unknown = root
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
    if (!node || typeof node !== 'object' || !(key in node)) return undefined
    node = (node as Json)[key]
  }
  return node
}
