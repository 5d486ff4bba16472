// Name data for synthetic citizens. Family-name weights follow the commonly cited shares of the population
// (per cent; Nguyễn ≈ 38 %); Hoàng/Huỳnh and Vũ/Võ are the northern and southern forms of one name, split
// roughly by region size. Middle and given names are among the most common for each sex.

export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38.4],
  ['Trần', 12.1],
  ['Lê', 9.5],
  ['Phạm', 7.0],
  ['Hoàng', 3.0],
  ['Huỳnh', 2.1],
  ['Phan', 4.5],
  ['Vũ', 2.2],
  ['Võ', 1.7],
  ['Đặng', 2.1],
  ['Bùi', 2.0],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1.0],
  ['Lý', 0.5],
  ['Đinh', 0.6],
  ['Trương', 0.6],
  ['Trịnh', 0.5],
  ['Mai', 0.5],
  ['Đào', 0.5],
  ['Lâm', 0.4],
  ['Cao', 0.4],
  ['Lương', 0.3],
  ['Hà', 0.3],
  ['Tạ', 0.2],
  ['Châu', 0.2],
  ['Lưu', 0.2],
  ['Tô', 0.2],
  ['Quách', 0.1],
]

export const MIDDLE_NAMES = {
  male: ['Văn', 'Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thành', 'Công', 'Xuân', 'Quang', 'Thanh', 'Gia', 'Hoàng', 'Anh', 'Tuấn', 'Ngọc'],
  female: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Kim', 'Phương', 'Bảo', 'Hồng', 'Mai', 'Khánh', 'Thùy', 'Diệu', 'Hoài'],
} as const

export const GIVEN_NAMES = {
  male: [
    'Anh', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Đức', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy', 'Khang',
    'Khoa', 'Kiên', 'Long', 'Lâm', 'Minh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài',
    'Thắng', 'Thành', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Khôi', 'Lộc', 'Thịnh', 'Toàn',
  ],
  female: [
    'An', 'Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hương', 'Huyền', 'Lan', 'Linh',
    'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Tâm', 'Thảo', 'Thủy',
    'Trang', 'Trâm', 'Uyên', 'Vân', 'Vy', 'Yến', 'Nhi', 'Hồng',
  ],
} as const

/** Street names (common across the country) and ward names for synthetic addresses; no address is real. */
export const STREET_NAMES = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Quang Trung', 'Lý Thường Kiệt', 'Phan Chu Trinh',
  'Nguyễn Huệ', 'Lê Duẩn', 'Hùng Vương', 'Điện Biên Phủ', 'Võ Thị Sáu', 'Bà Triệu', 'Nguyễn Du', 'Trần Phú',
  'Lê Thánh Tông', 'Ngô Quyền', 'Phan Đình Phùng', 'Nguyễn Văn Cừ', 'Hoàng Diệu',
] as const

export const WARD_NAMES = [
  'Hòa Bình', 'Tân Phú', 'An Phú', 'Bình An', 'Thống Nhất', 'Phú Lợi', 'Tân An', 'Hưng Phú', 'Vĩnh Ninh',
  'Đông Hòa', 'Tây Sơn', 'Nam Thành', 'Bắc Sơn', 'Phước Long', 'Xuân Hòa', 'Long Bình', 'Minh Khai',
  'Thanh Bình', 'Quyết Thắng', 'Tân Lập',
] as const

/** Company-name parts: a trade name (two syllables) and a line of business. */
export const TRADE_NAMES = [
  'Hoàng Phát', 'Minh Long', 'An Phát', 'Phú Thịnh', 'Đại Việt', 'Sao Mai', 'Hưng Thịnh', 'Tân Tiến',
  'Việt Hưng', 'Bình Minh', 'Trường Sơn', 'Thành Đạt', 'Phúc Lộc', 'Nam Phong', 'Kim Ngân', 'Hải Đăng',
  'Thiên Ân', 'Gia Bảo', 'Quang Minh', 'Hồng Hà', 'Tiến Thành', 'Đông Á', 'Bảo Long', 'Phương Nam',
] as const

export const LINES_OF_BUSINESS = [
  'Thương mại và Dịch vụ', 'Xây dựng', 'May mặc', 'Công nghệ Thông tin', 'Thực phẩm', 'Vận tải',
  'Cơ khí', 'Nông sản', 'Điện tử', 'Logistics', 'Dệt may', 'Đầu tư và Phát triển',
] as const
