// Test documents: a short Vietnamese labor contract laid out by pdfkit with the repo's embedded font.
import { fileURLToPath } from 'node:url'
import PDFDocument from 'pdfkit'

const FONT = fileURLToPath(new URL('../../fonts/BeVietnamPro-Regular.ttf', import.meta.url))

export async function samplePdf(
  options: { pages?: number; title?: string; attachments?: Array<{ name: string; data: Buffer }> } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    compress: true,
    info: { Title: options.title ?? 'Hợp đồng lao động' },
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  doc.font(FONT)
  const pages = options.pages ?? 1
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage()
    doc.fontSize(16).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' })
    doc.fontSize(12).text('Độc lập - Tự do - Hạnh phúc', { align: 'center' }).moveDown()
    doc
      .fontSize(14)
      .text(`HỢP ĐỒNG LAO ĐỘNG (trang ${p + 1})`, { align: 'center' })
      .moveDown()
    doc.fontSize(11).text('Người sử dụng lao động: Công ty TNHH Bình Minh, mã số thuế 0101234567.')
    doc.text('Người lao động: Nguyễn Thị Hồng Nhung, số định danh cá nhân 001190012345.')
    doc.text('Mức lương: 12.500.000 ₫ mỗi tháng.')
  }
  for (const a of options.attachments ?? []) doc.file(a.data, { name: a.name, type: 'application/json' })
  doc.end()
  return done
}
