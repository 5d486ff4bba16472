// Query parameters of the oversight routes: dates are calendar days in Vietnam (UTC+7, no daylight saving).
import { dateInvalid, pageInvalid, purposeMissing, purposeUnknown } from './errors.ts'
import { type AccessPurpose, accessPurpose } from './purposes.ts'

const VN_OFFSET = '+07:00'

/** `from` as the start of that day in Vietnam, `to` as the end of it (exclusive: the next day's start). */
export function dayRange(query: { from?: unknown; to?: unknown }): { from?: Date; to?: Date } {
  const from = day(query.from, 'from')
  const to = day(query.to, 'to')
  return {
    ...(from ? { from } : {}),
    ...(to ? { to: new Date(to.getTime() + 86_400_000) } : {}),
  }
}

function day(value: unknown, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw dateInvalid(name)
  const at = new Date(`${value}T00:00:00${VN_OFFSET}`)
  // Rolled-over dates (2026-02-30) do not come back the same.
  const back = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)
  if (Number.isNaN(at.getTime()) || back !== value) throw dateInvalid(name)
  return at
}

export function pageOf(value: unknown): number {
  if (value === undefined || value === '') return 1
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isInteger(n) || n < 1) throw pageInvalid()
  return n
}

export function purposeOf(value: unknown): AccessPurpose {
  if (value === undefined || value === '') throw purposeMissing()
  const purpose = accessPurpose(value)
  if (!purpose) throw purposeUnknown()
  return purpose
}
