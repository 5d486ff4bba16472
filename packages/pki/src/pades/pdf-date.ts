// PDF date strings (§7.9.4) in Vietnam time, the zone the parties sign in: D:YYYYMMDDHHmmSS+07'00'.
import { PdfString } from '../pdf/objects.ts'

const VN_OFFSET_MS = 7 * 3_600_000

export function pdfDate(date: Date): PdfString {
  const t = new Date(date.getTime() + VN_OFFSET_MS).toISOString()
  const digits = t.slice(0, 19).replace(/[-T:]/g, '')
  return new PdfString(Buffer.from(`D:${digits}+07'00'`, 'latin1'))
}

/** Parses D:YYYY[MM[DD[HH[mm[SS]]]]][Z|+HH'mm'|-HH'mm']; undefined if it is not a date. */
export function parsePdfDate(value: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(value)
  if (!m) return undefined
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', z, sign, oh = '00', om = '00'] = m
  const offset = z || !sign ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset
  return Number.isNaN(utc) ? undefined : new Date(utc)
}
