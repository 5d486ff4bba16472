// Figures as Vietnamese readers write them: 5.310.000 đ, 01/07/2026.
import type { CivilDate } from '../time/civil-date.ts'

export function vnd(amount: number): string {
  return `${amount.toLocaleString('de-DE')} đ`
}

export function vnDate(date: CivilDate): string {
  const [y, m, d] = date.split('-')
  return `${d}/${m}/${y}`
}
