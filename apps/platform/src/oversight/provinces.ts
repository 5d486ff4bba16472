// The 34 provincial-level units after the 2025 merger (Resolution 202/2025/QH15) with their two-digit
// administrative codes (QĐ 19/2025/QĐ-TTg, in use from 01/07/2025). These are not the birth-registration
// codes of personal ID numbers (packages/core identity/province-codes.ts, R5.3). Names and former names
// follow apps/sim's provinces-2025.ts.
// [K] The codes come from background knowledge of QĐ 19/2025, not yet checked against the gazetted table:
// a correction is an edit to this data, not to any check.

export interface Province {
  code: string
  name: string
  /** Provinces merged into this one (itself included), so a contract written with an old name still maps. */
  former: readonly string[]
}

export const PROVINCES: readonly Province[] = [
  { code: '01', name: 'Hà Nội', former: ['Hà Nội'] },
  { code: '04', name: 'Cao Bằng', former: ['Cao Bằng'] },
  { code: '08', name: 'Tuyên Quang', former: ['Tuyên Quang', 'Hà Giang'] },
  { code: '11', name: 'Điện Biên', former: ['Điện Biên'] },
  { code: '12', name: 'Lai Châu', former: ['Lai Châu'] },
  { code: '14', name: 'Sơn La', former: ['Sơn La'] },
  { code: '15', name: 'Lào Cai', former: ['Lào Cai', 'Yên Bái'] },
  { code: '19', name: 'Thái Nguyên', former: ['Thái Nguyên', 'Bắc Kạn'] },
  { code: '20', name: 'Lạng Sơn', former: ['Lạng Sơn'] },
  { code: '22', name: 'Quảng Ninh', former: ['Quảng Ninh'] },
  { code: '24', name: 'Bắc Ninh', former: ['Bắc Ninh', 'Bắc Giang'] },
  { code: '25', name: 'Phú Thọ', former: ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'] },
  { code: '31', name: 'Hải Phòng', former: ['Hải Phòng', 'Hải Dương'] },
  { code: '33', name: 'Hưng Yên', former: ['Hưng Yên', 'Thái Bình'] },
  { code: '37', name: 'Ninh Bình', former: ['Ninh Bình', 'Hà Nam', 'Nam Định'] },
  { code: '38', name: 'Thanh Hóa', former: ['Thanh Hóa'] },
  { code: '40', name: 'Nghệ An', former: ['Nghệ An'] },
  { code: '42', name: 'Hà Tĩnh', former: ['Hà Tĩnh'] },
  { code: '44', name: 'Quảng Trị', former: ['Quảng Trị', 'Quảng Bình'] },
  { code: '46', name: 'Huế', former: ['Thừa Thiên Huế'] },
  { code: '48', name: 'Đà Nẵng', former: ['Đà Nẵng', 'Quảng Nam'] },
  { code: '51', name: 'Quảng Ngãi', former: ['Quảng Ngãi', 'Kon Tum'] },
  { code: '52', name: 'Gia Lai', former: ['Gia Lai', 'Bình Định'] },
  { code: '56', name: 'Khánh Hòa', former: ['Khánh Hòa', 'Ninh Thuận'] },
  { code: '66', name: 'Đắk Lắk', former: ['Đắk Lắk', 'Phú Yên'] },
  { code: '68', name: 'Lâm Đồng', former: ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'] },
  { code: '75', name: 'Đồng Nai', former: ['Đồng Nai', 'Bình Phước'] },
  { code: '79', name: 'Thành phố Hồ Chí Minh', former: ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu'] },
  { code: '80', name: 'Tây Ninh', former: ['Tây Ninh', 'Long An'] },
  { code: '82', name: 'Đồng Tháp', former: ['Đồng Tháp', 'Tiền Giang'] },
  { code: '86', name: 'Vĩnh Long', former: ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'] },
  { code: '91', name: 'An Giang', former: ['An Giang', 'Kiên Giang'] },
  { code: '92', name: 'Cần Thơ', former: ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'] },
  { code: '96', name: 'Cà Mau', former: ['Cà Mau', 'Bạc Liêu'] },
]

/** Common short forms people type for a province. */
const ALIASES: Record<string, string> = { hcm: '79', tphcm: '79', saigon: '79', thuathienhue: '46' }

/**
 * A comparison key: NFC, lower case, without tone marks (Hòa and Hoà, typed either way, agree), without the
 * "tỉnh" / "thành phố" / "TP." prefix, letters and digits only.
 */
export function provinceKey(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/^(tinh|thanh pho|t\.?\s?p\.?)\s*/, '')
    .replace(/[^a-z0-9]/g, '')
}

const BY_KEY = new Map<string, string>()
for (const p of PROVINCES) for (const n of [p.name, ...p.former]) BY_KEY.set(provinceKey(n), p.code)
for (const [alias, code] of Object.entries(ALIASES)) BY_KEY.set(alias, code)
const BY_CODE = new Map(PROVINCES.map((p) => [p.code, p]))

/** Today's province code for a code ("79") or a name, current or former ("TP. Hồ Chí Minh", "Bình Dương"). */
export function provinceCode(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  if (/^\d{1,2}$/.test(trimmed)) {
    const code = trimmed.padStart(2, '0')
    return BY_CODE.has(code) ? code : undefined
  }
  return BY_KEY.get(provinceKey(trimmed))
}

export function provinceName(code: string): string | undefined {
  return BY_CODE.get(code)?.name
}
