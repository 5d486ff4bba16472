// Who the eContract is to the Platform: the provider id the Platform gave at registration, the ES256 key
// whose public half the Platform holds (R1.27's connection), and where the Platform answers.
import { readFileSync } from 'node:fs'
import type { JWK } from 'jose'
import { configInvalid } from './errors.ts'

export interface PlatformConnectionConfig {
  /** The Platform's URL the eContract calls, e.g. https://nentang-hdld.gov.vn */
  baseUrl: string
  /** The provider id the Platform gave (the assertion's iss and sub). */
  clientId: string
  /** ES256 private key as a JWK (kty EC, crv P-256, with d); its kid, if any, goes in the assertion header. */
  privateKey: JWK
  /** The assertion's audience: the Platform's public token URL; by default `${baseUrl}/oauth/token`. */
  audience?: string
}

export const PLATFORM_ENV = {
  url: 'ELC_ECONTRACT_PLATFORM_URL',
  clientId: 'ELC_ECONTRACT_PLATFORM_CLIENT_ID',
  key: 'ELC_ECONTRACT_PLATFORM_KEY',
  audience: 'ELC_ECONTRACT_PLATFORM_TOKEN_AUDIENCE',
} as const

/**
 * Reads the connection from the environment. ELC_ECONTRACT_PLATFORM_KEY is the JWK itself (JSON) or the
 * path of a file holding it. Throws PLATFORM_CONFIG_INVALID naming the variable at fault.
 */
export function platformConnectionFromEnv(
  env: Record<string, string | undefined> = process.env,
): PlatformConnectionConfig {
  const url = required(env, PLATFORM_ENV.url)
  const clientId = required(env, PLATFORM_ENV.clientId).trim()
  const keyValue = required(env, PLATFORM_ENV.key).trim()
  const audience = env[PLATFORM_ENV.audience]?.trim()
  return {
    baseUrl: parseBaseUrl(url, PLATFORM_ENV.url),
    clientId,
    privateKey: parsePrivateJwk(
      keyValue.startsWith('{') ? keyValue : readKeyFile(keyValue),
      PLATFORM_ENV.key,
    ),
    ...(audience ? { audience: parseBaseUrl(audience, PLATFORM_ENV.audience) } : {}),
  }
}

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name]
  if (!value?.trim())
    throw configInvalid(`Thiếu biến môi trường ${name}.`, `The environment variable ${name} is not set.`)
  return value
}

function parseBaseUrl(value: string, name: string): string {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw configInvalid(`${name} không phải là URL.`, `${name} is not a URL.`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw configInvalid(`${name} phải là URL http(s).`, `${name} must be an http(s) URL.`)
  if (url.search || url.hash)
    throw configInvalid(
      `${name} không được có truy vấn hay phân đoạn.`,
      `${name} must not have a query or fragment.`,
    )
  return url.toString().replace(/\/+$/, '')
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    const reason = (err as { code?: string }).code ?? String(err)
    throw configInvalid(
      `Không đọc được tệp khóa ${PLATFORM_ENV.key} (${path}): ${reason}.`,
      `Cannot read the key file in ${PLATFORM_ENV.key} (${path}): ${reason}.`,
    )
  }
}

/** An ES256 private JWK, or PLATFORM_CONFIG_INVALID saying what is wrong with it. */
export function parsePrivateJwk(json: string, name = PLATFORM_ENV.key): JWK {
  let jwk: JWK
  try {
    jwk = JSON.parse(json) as JWK
  } catch {
    throw configInvalid(`${name} không phải là JWK (JSON) hợp lệ.`, `${name} is not a valid JWK (JSON).`)
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk))
    throw configInvalid(`${name} phải là một đối tượng JWK.`, `${name} must be a JWK object.`)
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256')
    throw configInvalid(`${name} phải là khóa EC P-256 (ES256).`, `${name} must be an EC P-256 (ES256) key.`)
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string' || typeof jwk.d !== 'string')
    throw configInvalid(
      `${name} phải là khóa bí mật (có x, y và d).`,
      `${name} must be a private key (with x, y and d).`,
    )
  if (jwk.alg !== undefined && jwk.alg !== 'ES256')
    throw configInvalid(`${name} có alg khác ES256.`, `${name} has an alg other than ES256.`)
  return jwk
}
