// Formats of the other documents Mẫu 01/PLI col 6 (R3.5) and D13.1.c item 3 accept besides the personal
// identification number. No legal text fixes them; these are our assumptions, kept as data so a correction
// is an edit here.

import { type Text, text } from '../i18n.ts'

export interface NumberFormat {
  pattern: RegExp
  /** What a valid number looks like, for messages. */
  description: Text
  source: string
}

/** Old ID card (CMND): 9 digits, and the 12-digit CMND issued c. 2012–2016 (R5.5 [K]). */
export const OLD_ID_NUMBER_FORMAT: NumberFormat = {
  pattern: /^(?:[0-9]{9}|[0-9]{12})$/,
  description: text('9 hoặc 12 chữ số', '9 or 12 digits'),
  source: 'R5.5 [K]: 9-digit CMND; a 12-digit CMND also existed c. 2012–2016.',
}

export const PASSPORT_NUMBER_FORMATS: Readonly<Record<'vietnamese' | 'foreign', NumberFormat>> = {
  vietnamese: {
    pattern: /^[A-Z][0-9]{7}$/,
    description: text(
      '1 chữ cái in hoa và 7 chữ số, ví dụ C1234567',
      'one capital letter and 7 digits, e.g. C1234567',
    ),
    source:
      'Assumption [K]: Vietnamese passports seen in practice (B…, C…, N…, P…) carry one letter and 7 digits.',
  },
  foreign: {
    pattern: /^[A-Z0-9]{6,20}$/,
    description: text('6 đến 20 chữ cái in hoa (A–Z) hoặc chữ số', '6 to 20 capital letters (A–Z) or digits'),
    source:
      'Assumption: wide enough for any issuer (ICAO 9303 MRZ holds 9 characters, longer numbers overflow); normalise to capitals first.',
  },
}

/** Issuing-country codes that mean Vietnam: ISO 3166-1 alpha-3 as printed in the passport MRZ, and alpha-2. */
export const VIETNAM_ISSUER_CODES: readonly string[] = ['VNM', 'VN']
