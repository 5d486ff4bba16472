// The typed Platform client as the outbox uses it: tokens from the provider's key, every request with a
// time limit so a Platform that accepts connections but never answers counts as down.
import { createPlatformClient, type PlatformClient } from '@elc/platform-client'
import type { PlatformConnectionConfig } from './connection-config.ts'
import { type PlatformTokenSource, platformTokenSource, type TokenSourceOptions } from './token-source.ts'

export interface PlatformConnection {
  client: PlatformClient
  tokens: PlatformTokenSource
}

export function connectPlatform(
  config: PlatformConnectionConfig,
  options: TokenSourceOptions & { requestTimeoutMs?: number } = {},
): PlatformConnection {
  const baseFetch = options.fetch ?? globalThis.fetch
  const timeoutMs = options.requestTimeoutMs ?? 30_000
  const timedFetch: typeof globalThis.fetch = (input, init) => {
    const signal = AbortSignal.timeout(timeoutMs)
    if (input instanceof Request) return baseFetch(new Request(input, { signal }), init)
    return baseFetch(input, { ...init, signal })
  }
  const tokens = platformTokenSource(config, options)
  const client = createPlatformClient({
    baseUrl: config.baseUrl,
    getToken: () => tokens.getToken(),
    fetch: timedFetch,
  })
  return { client, tokens }
}
