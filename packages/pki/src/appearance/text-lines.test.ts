import { describe, expect, it } from 'vitest'
import { appearanceTextLines, formatVietnamTime } from './text-lines.ts'

const signer = {
  signerName: 'Nguyễn Thị Hồng Nhung',
  signingTime: new Date('2026-11-23T03:15:00Z'),
  idNumber: '001190012345',
  organisation: 'Công ty TNHH Bình Minh',
  reason: 'Ký hợp đồng lao động',
}

describe('formatVietnamTime', () => {
  it('formats in UTC+7 whatever the process time zone', () => {
    expect(formatVietnamTime(new Date('2026-11-23T03:15:00Z'))).toBe('23/11/2026 10:15')
    // 20:30 UTC is already the next day (and next year) in Hà Nội.
    expect(formatVietnamTime(new Date('2026-12-31T20:30:59Z'))).toBe('01/01/2027 03:30')
    expect(formatVietnamTime(new Date('2026-06-30T17:00:00Z'))).toBe('01/07/2026 00:00')
  })

  it('rejects an invalid date', () => {
    expect(() => formatVietnamTime(new Date('not a date'))).toThrow(RangeError)
  })
})

describe('appearanceTextLines', () => {
  it('puts Vietnamese first and the signer and time in English beneath', () => {
    expect(appearanceTextLines(signer)).toEqual([
      { text: 'Ký bởi: Nguyễn Thị Hồng Nhung', bold: true },
      { text: 'Tổ chức: Công ty TNHH Bình Minh' },
      { text: 'Số định danh: 001190012345' },
      { text: 'Lý do: Ký hợp đồng lao động' },
      { text: 'Thời gian: 23/11/2026 10:15 (GMT+7)' },
      { text: 'Signed by: Nguyễn Thị Hồng Nhung' },
      { text: 'Date: 23/11/2026 10:15 (GMT+7)' },
    ])
  })

  it('leaves out the optional fields that are absent', () => {
    const lines = appearanceTextLines({ signerName: 'Trần Văn Bình', signingTime: signer.signingTime }, 'vi')
    expect(lines.map((l) => l.text)).toEqual(['Ký bởi: Trần Văn Bình', 'Thời gian: 23/11/2026 10:15 (GMT+7)'])
  })

  it('gives every field in English alone', () => {
    expect(appearanceTextLines(signer, 'en')).toEqual([
      { text: 'Signed by: Nguyễn Thị Hồng Nhung', bold: true },
      { text: 'Organisation: Công ty TNHH Bình Minh' },
      { text: 'ID number: 001190012345' },
      { text: 'Reason: Ký hợp đồng lao động' },
      { text: 'Date: 23/11/2026 10:15 (GMT+7)' },
    ])
  })
})
