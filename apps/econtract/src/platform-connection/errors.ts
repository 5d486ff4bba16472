// Errors of the eContract's connection to the Platform. Unreachable and unavailable are retryable; an
// authentication failure is retried too but needs a person (a revoked key or a suspended agreement, R1.34).
import { ElcError, text } from '@elc/core'

export const PLATFORM_UNREACHABLE = 'PLATFORM_UNREACHABLE'
export const PLATFORM_UNAVAILABLE = 'PLATFORM_UNAVAILABLE'
export const PLATFORM_AUTH_FAILED = 'PLATFORM_AUTH_FAILED'
export const PLATFORM_CONFIG_INVALID = 'PLATFORM_CONFIG_INVALID'

/** Codes of errors that a later attempt may not meet. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([PLATFORM_UNREACHABLE, PLATFORM_UNAVAILABLE])

export function platformUnreachable(cause: unknown): ElcError {
  const detail = describeCause(cause)
  return new ElcError(
    PLATFORM_UNREACHABLE,
    text(`Không kết nối được Nền tảng (${detail}).`, `The Platform cannot be reached (${detail}).`),
    { status: 503, cause },
  )
}

export function platformUnavailable(status: number): ElcError {
  return new ElcError(
    PLATFORM_UNAVAILABLE,
    text(
      `Nền tảng tạm thời không phục vụ (HTTP ${status}).`,
      `The Platform is temporarily unavailable (HTTP ${status}).`,
    ),
    { status: 503 },
  )
}

export function platformAuthFailed(status: number, error: string, description: string): ElcError {
  return new ElcError(
    PLATFORM_AUTH_FAILED,
    text(
      `Nền tảng từ chối xác thực nhà cung cấp (HTTP ${status}, ${error}: ${description}). Kiểm tra khóa và thỏa thuận kết nối.`,
      `The Platform refused the provider's authentication (HTTP ${status}, ${error}: ${description}). Check the key and the connection agreement.`,
    ),
    { ruleId: 'R1.34', status: 401 },
  )
}

export function configInvalid(vi: string, en: string): ElcError {
  return new ElcError(PLATFORM_CONFIG_INVALID, text(vi, en), { status: 500 })
}

export function describeCause(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout'
  return String(e?.cause?.code ?? e?.cause?.message ?? e?.message ?? err).slice(0, 200)
}
