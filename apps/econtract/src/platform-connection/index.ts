// The eContract's connection to the Platform: its provider credentials and the tokens they buy.
export { connectPlatform, type PlatformConnection } from './connect-platform.ts'
export {
  PLATFORM_ENV,
  type PlatformConnectionConfig,
  parsePrivateJwk,
  platformConnectionFromEnv,
} from './connection-config.ts'
export {
  PLATFORM_AUTH_FAILED,
  PLATFORM_CONFIG_INVALID,
  PLATFORM_UNAVAILABLE,
  PLATFORM_UNREACHABLE,
  RETRYABLE_CODES,
} from './errors.ts'
export { type PlatformTokenSource, platformTokenSource, type TokenSourceOptions } from './token-source.ts'
