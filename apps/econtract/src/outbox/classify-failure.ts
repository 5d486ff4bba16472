// What a failed call to the Platform means for the row: try again later (the Platform or the network is
// down), try again and tell a person (our credentials are refused, R1.34), or stop (the Platform says the
// request itself is wrong, so sending it again cannot help).
import { ElcError } from '@elc/core'
import { PlatformError } from '@elc/platform-client'
import { describeCause, PLATFORM_AUTH_FAILED, RETRYABLE_CODES } from '../platform-connection/errors.ts'
import type { OutboxError } from './migrations.ts'

export type FailureKind = 'transient' | 'auth' | 'permanent'

export interface ClassifiedFailure {
  kind: FailureKind
  error: OutboxError
}

/** 408 and 425 are the client's time running out, 429 is back-pressure: all worth another try. */
const RETRYABLE_4XX = new Set([408, 425, 429])

export function classifyFailure(err: unknown): ClassifiedFailure {
  if (err instanceof PlatformError) {
    const error: OutboxError = {
      code: err.code,
      status: err.status,
      ...(err.ruleId ? { ruleId: err.ruleId } : {}),
      vi: err.vi,
      en: err.en,
    }
    if (err.status === 401 || err.status === 403) return { kind: 'auth', error }
    if (err.status >= 500 || RETRYABLE_4XX.has(err.status)) return { kind: 'transient', error }
    if (err.status >= 400) return { kind: 'permanent', error }
    return { kind: 'transient', error }
  }
  if (err instanceof ElcError) {
    const error: OutboxError = {
      code: err.code,
      status: err.status,
      ...(err.ruleId ? { ruleId: err.ruleId } : {}),
      vi: err.text.vi,
      en: err.text.en,
    }
    if (err.code === PLATFORM_AUTH_FAILED) return { kind: 'auth', error }
    if (RETRYABLE_CODES.has(err.code)) return { kind: 'transient', error }
    return { kind: 'permanent', error }
  }
  // A refused connection, a reset, a timeout, an answer that is not JSON: the network or the Platform.
  const detail = describeCause(err)
  return {
    kind: 'transient',
    error: {
      code: 'PLATFORM_UNREACHABLE',
      vi: `Không kết nối được Nền tảng (${detail}).`,
      en: `The Platform cannot be reached (${detail}).`,
    },
  }
}

/**
 * Exponential backoff with jitter: base·2^(n−1), at most `max`, spread by ± `jitter` so rows that failed
 * together (an outage) are not all retried in the same instant.
 */
export function retryDelayMs(
  failures: number,
  { baseMs, maxMs, jitter }: { baseMs: number; maxMs: number; jitter: number },
  random: () => number,
): number {
  const exp = Math.min(baseMs * 2 ** Math.max(failures - 1, 0), maxMs)
  return Math.round(exp * (1 - jitter + 2 * jitter * random()))
}
