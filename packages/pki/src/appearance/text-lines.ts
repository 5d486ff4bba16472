// The text of a signature appearance: Vietnamese first (the legal language), English beneath.
import type { AppearanceLine } from './appearance.ts'

export interface AppearanceSigner {
  signerName: string
  signingTime: Date
  /** CCCD / personal identification number, or the tax code of an organisation. */
  idNumber?: string
  organisation?: string
  reason?: string
}

/** 'vi+en' repeats only the name and time in English: the other values are the same text in both. */
export type AppearanceLanguage = 'vi' | 'en' | 'vi+en'

const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving). */
export function formatVietnamTime(time: Date): string {
  if (Number.isNaN(time.getTime())) throw new RangeError('signing time is not a valid date')
  const parts = Object.fromEntries(VIETNAM_TIME.formatToParts(time).map((p) => [p.type, p.value]))
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`
}

export function appearanceTextLines(
  signer: AppearanceSigner,
  lang: AppearanceLanguage = 'vi+en',
): AppearanceLine[] {
  const time = `${formatVietnamTime(signer.signingTime)} (GMT+7)`
  const vi: AppearanceLine[] = [{ text: `Ký bởi: ${signer.signerName}`, bold: true }]
  const en: AppearanceLine[] = [{ text: `Signed by: ${signer.signerName}`, bold: lang === 'en' }]
  if (signer.organisation) {
    vi.push({ text: `Tổ chức: ${signer.organisation}` })
    en.push({ text: `Organisation: ${signer.organisation}` })
  }
  if (signer.idNumber) {
    vi.push({ text: `Số định danh: ${signer.idNumber}` })
    en.push({ text: `ID number: ${signer.idNumber}` })
  }
  if (signer.reason) {
    vi.push({ text: `Lý do: ${signer.reason}` })
    en.push({ text: `Reason: ${signer.reason}` })
  }
  vi.push({ text: `Thời gian: ${time}` })
  en.push({ text: `Date: ${time}` })
  if (lang === 'vi') return vi
  if (lang === 'en') return en
  return [...vi, { text: `Signed by: ${signer.signerName}` }, { text: `Date: ${time}` }]
}
