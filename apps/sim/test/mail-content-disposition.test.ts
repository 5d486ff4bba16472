// File names from mail are someone else's text: the sink serves them as attachments, never as paths.
import { describe, expect, it } from 'vitest'
import { asciiFileName, attachmentDisposition, safeFileName } from '../src/mail/index.ts'

describe('attachment file names', () => {
  it.each([
    ['HDLD-A260123456789.pdf', 'attachment; filename="HDLD-A260123456789.pdf"'],
    [
      'HĐLĐ Trần Văn Đức.pdf',
      `attachment; filename="HDLD Tran Van Duc.pdf"; filename*=UTF-8''HĐLĐ%20Trần%20Văn%20Đức.pdf`.replace(
        /[^\x20-\x7e]/g,
        (c) => encodeURIComponent(c),
      ),
    ],
    ['../../etc/passwd', 'attachment; filename="passwd"'],
    ['C:\\Users\\a\\"x".pdf', 'attachment; filename="x.pdf"'],
    ['bad\r\nname.pdf', 'attachment; filename="badname.pdf"'],
    ["it's (1)*.pdf", `attachment; filename="it_s _1__.pdf"; filename*=UTF-8''it%27s%20%281%29%2A.pdf`],
    [null, 'attachment; filename="attachment-0"'],
    ['...', 'attachment; filename="attachment-0"'],
  ])('%s', (name, expected) => {
    expect(attachmentDisposition(name, 'attachment-0')).toBe(expected)
  })

  it('keeps Vietnamese names in NFC whatever form they came in', () => {
    const decomposed = 'Hợp đồng.pdf'.normalize('NFD')
    expect(safeFileName(decomposed, 'x')).toBe('Hợp đồng.pdf'.normalize('NFC'))
    expect(asciiFileName('Đỗ Thị Ngọc Ánh')).toBe('Do Thi Ngoc Anh')
  })
})
