// How the printed contract writes dates, money and the closed vocabularies: Vietnamese conventions
// (dd/mm/yyyy, "12.000.000 đồng"), every string NFC so that NFD input prints the same bytes.
import type { Text } from '@elc/core'

export const nfc = (value: string): string => value.normalize('NFC')

/** `YYYY-MM-DD` → `dd/mm/yyyy`; anything else is printed as given. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : nfc(date)
}

/** Integer VND with the Vietnamese thousands separator: 12000000 → "12.000.000 đồng". */
export function formatVnd(amount: number): string {
  return `${formatInteger(amount)} đồng`
}

/** 1234567 → "1.234.567", independent of the runtime's locale data. */
export function formatInteger(value: number): string {
  const sign = value < 0 ? '-' : ''
  return `${sign}${String(Math.trunc(Math.abs(value))).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`
}

/** Hours may be fractional (7,5 giờ): the Vietnamese decimal comma. */
export function formatNumber(value: number): string {
  return String(value).replace('.', ',')
}

/** Noon in Vietnam on a civil date: the fixed timestamp of the document's metadata. */
export function civilDateInstant(date: string): Date {
  const instant = new Date(`${date}T12:00:00+07:00`)
  return Number.isNaN(instant.getTime()) ? new Date(0) : instant
}

const REGIONS = new Intl.DisplayNames(['vi'], { type: 'region' })
const REGIONS_EN = new Intl.DisplayNames(['en'], { type: 'region' })

/** ISO 3166-1 alpha-2 → "Việt Nam" / "Vietnam"; the code alone when the runtime does not know it. */
export function nationality(code: string): Text {
  try {
    const vi = REGIONS.of(code)
    const en = REGIONS_EN.of(code)
    return vi && en && vi !== code ? { vi: nfc(vi), en } : { vi: code, en: code }
  } catch {
    return { vi: code, en: code }
  }
}

/** A vocabulary value's labels; an unknown value is printed as it is. */
export function label(labels: Record<string, Text>, value: string): Text {
  return labels[value] ?? { vi: nfc(value), en: value }
}
