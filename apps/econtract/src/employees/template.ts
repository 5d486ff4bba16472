// The sample workbook HR download and fill in: the header row in Vietnamese and English, one example row,
// the ID number column as text so Excel keeps its leading zeros.
import ExcelJS from 'exceljs'
import { bilingualHeader, COLUMNS } from './columns.ts'

const EXAMPLE: Record<string, string | Date> = {
  fullName: 'Nguyễn Thị Minh Anh',
  dateOfBirth: new Date(Date.UTC(1995, 2, 15)),
  sex: 'Nữ',
  idNumber: '001195012345',
  idKind: 'CCCD',
  residence: 'Số 1 Tràng Tiền, phường Hoàn Kiếm, Hà Nội',
  nationality: 'VN',
  email: 'minhanh@example.vn',
  phone: '0912345678',
  socialInsuranceNumber: '0123456789',
}

export async function employeeTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'ELC eContract'
  const sheet = workbook.addWorksheet('Nhân viên')
  sheet.columns = COLUMNS.map((c) => ({
    header: bilingualHeader(c),
    key: c.field,
    width: Math.max(18, bilingualHeader(c).length + 2),
    style: c.field === 'dateOfBirth' ? { numFmt: 'dd/mm/yyyy' } : { numFmt: '@' },
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  sheet.addRow(EXAMPLE)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
