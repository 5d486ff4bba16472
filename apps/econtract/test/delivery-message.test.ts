// Composing the e-mail that delivers a signed contract (D5.3, R1.14) and, later, the ID-bearing copy (R1.17).
import { describe, expect, it } from 'vitest'
import {
  contractFileName,
  type SignedContractMessageInput,
  signedContractMessage,
} from '../src/delivery/index.ts'

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\nnội dung\n%%EOF\n'))
const BASE: SignedContractMessageInput = {
  to: 'tran.van.duc@example.vn',
  recipientName: 'Trần Văn Đức',
  employerName: 'Công ty Cổ phần Cà phê Tây Nguyên',
  workerName: 'Trần Văn Đức',
  contractTitle: 'Hợp đồng lao động không xác định thời hạn',
  pdf: PDF,
  viewUrl: 'https://econtract.example.vn/contracts/c-42',
}

describe('signedContractMessage', () => {
  const cases = [
    {
      kind: 'right after signing',
      input: BASE,
      subject:
        'Hợp đồng lao động đã ký: Hợp đồng lao động không xác định thời hạn / Signed labor contract: Hợp đồng lao động không xác định thời hạn',
      fileName: 'HĐLĐ Hợp đồng lao động không xác định thời hạn.pdf',
      vi: 'đã được các bên ký đầy đủ',
      en: 'has been signed by all parties',
      follows: 'khi có mã số, bạn sẽ nhận lại hợp đồng kèm mã số',
    },
    {
      kind: 'with the contract ID (R1.17)',
      input: { ...BASE, contractId: 'A260123456789' },
      subject:
        'Hợp đồng lao động mã số A260123456789: Hợp đồng lao động không xác định thời hạn / Labor contract ID A260123456789: Hợp đồng lao động không xác định thời hạn',
      fileName: 'HDLD-A260123456789.pdf',
      vi: 'đã cấp mã số A260123456789 cho hợp đồng lao động',
      en: 'has issued ID A260123456789 for the labor contract',
      follows: 'Bản này thay cho bản đã gửi trước đó',
    },
  ]

  it.each(cases)('$kind: subject, bilingual body, PDF attached', (c) => {
    const message = signedContractMessage(c.input)
    expect(message.to).toBe('tran.van.duc@example.vn')
    expect(message.subject).toBe(c.subject)
    expect(message.text).toContain(c.vi)
    expect(message.text).toContain(c.en)
    expect(message.text).toContain(c.follows)
    // Vietnamese first, English below.
    expect(message.text.indexOf('Kính gửi Trần Văn Đức,')).toBe(0)
    expect(message.text.indexOf('Dear Trần Văn Đức,')).toBeGreaterThan(message.text.indexOf(c.vi))
    expect(message.text).toContain(`Xem hợp đồng: ${BASE.viewUrl}`)
    expect(message.html).toContain(`<a href="${BASE.viewUrl}">Xem hợp đồng</a>`)
    expect(message.html).toContain('<div lang="en"')
    expect(message.attachments).toEqual([
      { filename: c.fileName, contentType: 'application/pdf', content: PDF },
    ])
    expect(message.headers).toEqual({ 'Auto-Submitted': 'auto-generated' })
    for (const s of [message.subject, message.text, message.html ?? '']) expect(s).toBe(s.normalize('NFC'))
  })

  it('normalises decomposed input to NFC', () => {
    const message = signedContractMessage({
      ...BASE,
      recipientName: BASE.recipientName.normalize('NFD'),
      contractTitle: BASE.contractTitle.normalize('NFD'),
    })
    expect(message.text).toContain('Kính gửi Trần Văn Đức,')
    expect(message.subject).toBe(cases[0]?.subject)
  })

  it('escapes HTML and keeps headers on one line', () => {
    const message = signedContractMessage({
      ...BASE,
      employerName: 'Công ty <b>"A&B"</b>',
      contractTitle: 'HĐLĐ\r\nBcc: ke-xau@example.vn',
    })
    expect(message.html).toContain('Công ty &lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;')
    expect(message.html).not.toContain('<b>"A&B"</b>')
    expect(message.subject).not.toMatch(/[\r\n]/)
    expect(message.subject).toContain('HĐLĐ Bcc: ke-xau@example.vn')
  })

  it('puts no personal ID number in the mail, even one typed into a title or name', () => {
    const message = signedContractMessage({
      ...BASE,
      contractId: 'A260123456789',
      recipientName: 'Trần Văn Đức (CCCD 001301012345)',
      contractTitle: 'HĐLĐ cho CMND 123456789',
    })
    for (const s of [
      message.subject,
      message.text,
      message.html ?? '',
      message.attachments?.[0]?.filename ?? '',
    ]) {
      expect(s).not.toContain('001301012345')
      expect(s).not.toMatch(/(?<![\p{L}\p{N}])\d{9}(?:\d{3})?(?![\p{L}\p{N}])/u)
    }
    // The contract ID itself is not a personal number and stays.
    expect(message.subject).toContain('A260123456789')
  })

  it.each([
    [{ to: 'khong-phai-email' }, 'MAIL_RECIPIENT_INVALID'],
    [{ to: 'a@b.vn, c@d.vn' }, 'MAIL_RECIPIENT_INVALID'],
    [{ contractId: 'A26012345' }, 'CONTRACT_ID_FORMAT'],
    [{ pdf: new Uint8Array(Buffer.from('<html>')) }, 'MAIL_ATTACHMENT_NOT_PDF'],
    [{ viewUrl: 'javascript:alert(1)' }, 'MAIL_VIEW_URL_INVALID'],
    [{ viewUrl: '/contracts/c-42' }, 'MAIL_VIEW_URL_INVALID'],
  ])('refuses %o (%s)', (change, code) => {
    expect(() => signedContractMessage({ ...BASE, ...change })).toThrow(expect.objectContaining({ code }))
  })
})

describe('contractFileName', () => {
  it.each([
    [undefined, 'A260123456789', 'Bất kỳ', 'HDLD-A260123456789.pdf'],
    [undefined, undefined, 'Hợp đồng thử việc', 'HĐLĐ Hợp đồng thử việc.pdf'],
    ['../../HĐLĐ: Lê Thị Thu*?.PDF', 'A260123456789', 'x', 'HĐLĐ Lê Thị Thu.pdf'],
    ['HĐLĐ Lê Thị Thu', undefined, 'x', 'HĐLĐ Lê Thị Thu.pdf'],
    ['', undefined, '   ', 'HĐLĐ.pdf'],
    [undefined, undefined, 'Hợp đồng số 01/2026', 'HĐLĐ Hợp đồng số 01-2026.pdf'],
  ])('%s, %s, %s → %s', (fileName, contractId, title, expected) => {
    expect(contractFileName(fileName, contractId, title)).toBe(expected)
  })
})
