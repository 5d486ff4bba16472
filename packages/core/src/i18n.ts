// Every message a person can read comes in Vietnamese first, with English beside it.

export type Lang = 'vi' | 'en'

export interface Text {
  vi: string
  en: string
}

export function text(vi: string, en: string): Text {
  return { vi: vi.normalize('NFC'), en }
}
