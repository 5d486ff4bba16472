// The 34 provincial-level units after the 2025 merger (Resolution 202/2025/QH15, in force 12 June 2025):
// 6 centrally run cities and 28 provinces, each with the old provinces it absorbed. packages/core only has the
// 63 old provinces (birth-registration codes, R5.3, which the merger did not change), so the post-merger list
// lives here as data. Former names are spelled exactly as in core's PROVINCE_CODES, so a birth code maps to
// today's province of residence.

export interface Province2025 {
  name: string
  kind: 'city' | 'province'
  /** Old provinces merged into this one (itself included), as named in core's PROVINCE_CODES. */
  formerProvinces: readonly string[]
}

export const PROVINCES_2025: readonly Province2025[] = [
  { name: 'Hà Nội', kind: 'city', formerProvinces: ['Hà Nội'] },
  { name: 'Huế', kind: 'city', formerProvinces: ['Thừa Thiên Huế'] },
  { name: 'Hải Phòng', kind: 'city', formerProvinces: ['Hải Phòng', 'Hải Dương'] },
  { name: 'Đà Nẵng', kind: 'city', formerProvinces: ['Đà Nẵng', 'Quảng Nam'] },
  {
    name: 'Thành phố Hồ Chí Minh',
    kind: 'city',
    formerProvinces: ['Thành phố Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu'],
  },
  { name: 'Cần Thơ', kind: 'city', formerProvinces: ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'] },
  { name: 'Lai Châu', kind: 'province', formerProvinces: ['Lai Châu'] },
  { name: 'Điện Biên', kind: 'province', formerProvinces: ['Điện Biên'] },
  { name: 'Sơn La', kind: 'province', formerProvinces: ['Sơn La'] },
  { name: 'Lạng Sơn', kind: 'province', formerProvinces: ['Lạng Sơn'] },
  { name: 'Quảng Ninh', kind: 'province', formerProvinces: ['Quảng Ninh'] },
  { name: 'Thanh Hóa', kind: 'province', formerProvinces: ['Thanh Hóa'] },
  { name: 'Nghệ An', kind: 'province', formerProvinces: ['Nghệ An'] },
  { name: 'Hà Tĩnh', kind: 'province', formerProvinces: ['Hà Tĩnh'] },
  { name: 'Cao Bằng', kind: 'province', formerProvinces: ['Cao Bằng'] },
  { name: 'Tuyên Quang', kind: 'province', formerProvinces: ['Tuyên Quang', 'Hà Giang'] },
  { name: 'Lào Cai', kind: 'province', formerProvinces: ['Lào Cai', 'Yên Bái'] },
  { name: 'Thái Nguyên', kind: 'province', formerProvinces: ['Thái Nguyên', 'Bắc Kạn'] },
  { name: 'Phú Thọ', kind: 'province', formerProvinces: ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'] },
  { name: 'Bắc Ninh', kind: 'province', formerProvinces: ['Bắc Ninh', 'Bắc Giang'] },
  { name: 'Hưng Yên', kind: 'province', formerProvinces: ['Hưng Yên', 'Thái Bình'] },
  { name: 'Ninh Bình', kind: 'province', formerProvinces: ['Ninh Bình', 'Hà Nam', 'Nam Định'] },
  { name: 'Quảng Trị', kind: 'province', formerProvinces: ['Quảng Trị', 'Quảng Bình'] },
  { name: 'Quảng Ngãi', kind: 'province', formerProvinces: ['Quảng Ngãi', 'Kon Tum'] },
  { name: 'Gia Lai', kind: 'province', formerProvinces: ['Gia Lai', 'Bình Định'] },
  { name: 'Khánh Hòa', kind: 'province', formerProvinces: ['Khánh Hòa', 'Ninh Thuận'] },
  { name: 'Lâm Đồng', kind: 'province', formerProvinces: ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'] },
  { name: 'Đắk Lắk', kind: 'province', formerProvinces: ['Đắk Lắk', 'Phú Yên'] },
  { name: 'Đồng Nai', kind: 'province', formerProvinces: ['Đồng Nai', 'Bình Phước'] },
  { name: 'Tây Ninh', kind: 'province', formerProvinces: ['Tây Ninh', 'Long An'] },
  { name: 'Vĩnh Long', kind: 'province', formerProvinces: ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'] },
  { name: 'Đồng Tháp', kind: 'province', formerProvinces: ['Đồng Tháp', 'Tiền Giang'] },
  { name: 'Cà Mau', kind: 'province', formerProvinces: ['Cà Mau', 'Bạc Liêu'] },
  { name: 'An Giang', kind: 'province', formerProvinces: ['An Giang', 'Kiên Giang'] },
]

/** Today's province for an old (pre-2025) province name. */
export function provinceAfterMerger(oldName: string): Province2025 | undefined {
  return PROVINCES_2025.find((p) => p.formerProvinces.includes(oldName))
}
