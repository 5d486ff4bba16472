// R5.3: the first three digits of a personal identification number name the province (or city) where the
// birth was registered. Codes belong to the 63 provinces as they were before the 2025 merger: a code is fixed
// at birth registration, so the merger changed none of them.
//
// This is DATA on purpose. The table comes from unofficial third-party lists (R5.3 [K]), so a correction is an
// edit to the entries below, not a change to any check.

export interface ProvinceCodeEntry {
  /** Vietnamese name of the old province or centrally run city, NFC. */
  name: string
  /** Why the entry is doubtful, when it is. */
  note?: string
}

export interface ProvinceCodeTable {
  /** LEGAL.md rule the table implements. */
  ruleId: string
  /** False while the table rests on unofficial lists; flip it once checked against an official text. */
  official: boolean
  source: string
  entries: Readonly<Record<string, ProvinceCodeEntry>>
}

export const PROVINCE_CODES: ProvinceCodeTable = {
  ruleId: 'R5.3',
  official: false,
  source:
    'Third-party code lists (unofficial); codes 002–012 from background knowledge [K]. Codes for births abroad: not yet verified.',
  entries: {
    '001': { name: 'Hà Nội' },
    '002': { name: 'Hà Giang' },
    '004': { name: 'Cao Bằng' },
    '006': { name: 'Bắc Kạn' },
    '008': { name: 'Tuyên Quang' },
    '010': { name: 'Lào Cai' },
    '011': { name: 'Điện Biên' },
    '012': { name: 'Lai Châu' },
    '014': { name: 'Sơn La' },
    '015': { name: 'Yên Bái' },
    '017': { name: 'Hòa Bình' },
    '019': { name: 'Thái Nguyên' },
    '020': { name: 'Lạng Sơn' },
    '022': { name: 'Quảng Ninh' },
    // [C] One list gives Bắc Giang 023, three give 024. Both are accepted so a real number is never flagged on
    // our doubt; drop 023 once an official list settles it.
    '023': { name: 'Bắc Giang', note: 'R5.3 [C]: only one of four lists gives 023; the others give 024.' },
    '024': { name: 'Bắc Giang', note: 'R5.3 [C]: three of four lists give 024; one gives 023.' },
    '025': { name: 'Phú Thọ' },
    '026': { name: 'Vĩnh Phúc' },
    '027': { name: 'Bắc Ninh' },
    '030': { name: 'Hải Dương' },
    '031': { name: 'Hải Phòng' },
    '033': { name: 'Hưng Yên' },
    '034': { name: 'Thái Bình' },
    '035': { name: 'Hà Nam' },
    '036': { name: 'Nam Định' },
    '037': { name: 'Ninh Bình' },
    '038': { name: 'Thanh Hóa' },
    '040': { name: 'Nghệ An' },
    '042': { name: 'Hà Tĩnh' },
    '044': { name: 'Quảng Bình' },
    '045': { name: 'Quảng Trị' },
    '046': { name: 'Thừa Thiên Huế' },
    '048': { name: 'Đà Nẵng' },
    '049': { name: 'Quảng Nam' },
    '051': { name: 'Quảng Ngãi' },
    '052': { name: 'Bình Định' },
    '054': { name: 'Phú Yên' },
    '056': { name: 'Khánh Hòa' },
    '058': { name: 'Ninh Thuận' },
    '060': { name: 'Bình Thuận' },
    '062': { name: 'Kon Tum' },
    '064': { name: 'Gia Lai' },
    '066': { name: 'Đắk Lắk' },
    '067': { name: 'Đắk Nông' },
    '068': { name: 'Lâm Đồng' },
    '070': { name: 'Bình Phước' },
    '072': { name: 'Tây Ninh' },
    '074': { name: 'Bình Dương' },
    '075': { name: 'Đồng Nai' },
    '077': { name: 'Bà Rịa - Vũng Tàu' },
    '079': { name: 'Thành phố Hồ Chí Minh' },
    '080': { name: 'Long An' },
    '082': { name: 'Tiền Giang' },
    '083': { name: 'Bến Tre' },
    '084': { name: 'Trà Vinh' },
    '086': { name: 'Vĩnh Long' },
    '087': { name: 'Đồng Tháp' },
    '089': { name: 'An Giang' },
    '091': { name: 'Kiên Giang' },
    '092': { name: 'Cần Thơ' },
    '093': { name: 'Hậu Giang' },
    '094': { name: 'Sóc Trăng' },
    '095': { name: 'Bạc Liêu' },
    '096': { name: 'Cà Mau' },
  },
}

/** The entry for a three-digit code, or undefined when the table does not know it. */
export function provinceOf(
  code: string,
  table: ProvinceCodeTable = PROVINCE_CODES,
): ProvinceCodeEntry | undefined {
  return Object.hasOwn(table.entries, code) ? table.entries[code] : undefined
}
