// The PDF the parties sign: a labor contract or one of its lifecycle documents, laid out as the TT 10/2020
// form (R4.6, R4.7) in Be Vietnam Pro, with the structured data embedded as DATA_FILE_NAME (what the
// Platform compares with the submitted data, R1.32) and blank areas where the signatures go.
// Deterministic: the same document gives the same bytes (dates and /ID come from the document).
import {
  type Amendment,
  type Annex,
  CONTRACT_ID_PATTERN,
  type Contract,
  canonicalDataBytes,
  DATA_FILE_NAME,
  ElcError,
  normalizeText,
  type PaperConversion,
  type Suspension,
  type Termination,
  type Text,
  text,
} from '@elc/core'
import PDFDocument from 'pdfkit'
import { contractSignatures, renderContractArticles, renderParties } from './contract-body.ts'
import { contractIdSubject, ID_INFO_KEY } from './contract-id-info.ts'
import { FONT_FILES, registerFonts } from './fonts.ts'
import { civilDateInstant, formatDate } from './format.ts'
import { Layout, PAGE, SIGNATURE_BLOCK_HEIGHT, type SignatureBox, type SignatureSlot } from './layout.ts'
import {
  BOTH_PARTIES,
  paperConversionSignatures,
  parentCallout,
  renderAmendment,
  renderAnnex,
  renderPaperConversion,
  renderSuspension,
  renderTermination,
} from './lifecycle-bodies.ts'

export type ContractDocument = Contract | Annex | Amendment | Suspension | Termination | PaperConversion

export interface RenderOptions {
  /** The contract's ID when the Platform has issued it (R1.29), shown in the header and the metadata. */
  contractId?: string
}

/** Where each party's visible signature goes; a paper conversion is signed by the employer alone (R1.19). */
export interface SignatureBoxes {
  employer: SignatureBox
  worker?: SignatureBox
}

export interface RenderedDocument {
  pdf: Uint8Array
  pages: number
  signatureBoxes: SignatureBoxes
}

interface Plan {
  title: Text
  number?: string
  /** The ID the document belongs to: the parent contract of a lifecycle document (R1.30). */
  parentContractId?: string
  concludedOn: string
  author?: string
  body: (layout: Layout) => void
  signatures: SignatureSlot[]
}

function plan(doc: ContractDocument): Plan {
  switch (doc.kind) {
    case 'contract':
      return {
        title: text('Hợp đồng lao động', 'Labour contract'),
        ...(doc.contractNumber ? { number: doc.contractNumber } : {}),
        concludedOn: doc.concludedOn,
        author: doc.employer.name,
        body: (layout) => {
          renderParties(layout, doc)
          renderContractArticles(layout, doc)
        },
        signatures: contractSignatures(doc),
      }
    case 'annex':
      return {
        title: text('Phụ lục hợp đồng lao động', 'Labour contract annex'),
        ...(doc.annexNumber ? { number: doc.annexNumber } : {}),
        parentContractId: doc.parentContractId,
        concludedOn: doc.concludedOn,
        body: (layout) => renderAnnex(layout, doc),
        signatures: BOTH_PARTIES,
      }
    case 'amendment':
      return {
        title: text('Văn bản sửa đổi, bổ sung hợp đồng lao động', 'Amendment to the labour contract'),
        parentContractId: doc.parentContractId,
        concludedOn: doc.concludedOn,
        body: (layout) => renderAmendment(layout, doc),
        signatures: BOTH_PARTIES,
      }
    case 'suspension':
      return {
        title: text(
          'Văn bản thỏa thuận tạm hoãn thực hiện hợp đồng lao động',
          'Suspension of the labour contract',
        ),
        parentContractId: doc.parentContractId,
        concludedOn: doc.concludedOn,
        body: (layout) => renderSuspension(layout, doc),
        signatures: BOTH_PARTIES,
      }
    case 'termination':
      return {
        title: text('Văn bản chấm dứt hợp đồng lao động', 'Termination of the labour contract'),
        parentContractId: doc.parentContractId,
        concludedOn: doc.concludedOn,
        body: (layout) => renderTermination(layout, doc),
        signatures: BOTH_PARTIES,
      }
    case 'paper_conversion':
      return {
        title: text(
          'Biên bản chuyển đổi hợp đồng lao động từ bản giấy sang thông điệp dữ liệu',
          'Record of conversion of a paper labour contract into a data message',
        ),
        ...(doc.contract.contractNumber ? { number: doc.contract.contractNumber } : {}),
        concludedOn: doc.contract.concludedOn,
        author: doc.contract.employer.name,
        body: (layout) => renderPaperConversion(layout, doc),
        signatures: paperConversionSignatures(doc),
      }
    default:
      throw new ElcError(
        'DOCUMENT_NOT_RECOGNISED',
        text(
          'Không nhận dạng được loại tài liệu để tạo bản PDF.',
          'The document kind is not one a PDF can be made for.',
        ),
        { ruleId: 'ELC.SCHEMA' },
      )
  }
}

function assertContractId(id: string): void {
  if (!CONTRACT_ID_PATTERN.test(id))
    throw new ElcError(
      'CONTRACT_ID_INVALID',
      text(
        `Mã hợp đồng "${id}" không đúng định dạng (A, B hoặc C và 12 chữ số).`,
        `Contract ID "${id}" is malformed (A, B or C and 12 digits).`,
      ),
      { ruleId: 'R1.29' },
    )
}

/** The document as a PDF, with where each party's signature goes. */
export async function renderContractDocument(
  input: ContractDocument,
  options: RenderOptions = {},
): Promise<RenderedDocument> {
  const doc = normalizeText(input).value as typeof input
  if (options.contractId !== undefined) assertContractId(options.contractId)
  const p = plan(doc)
  const when = civilDateInstant(p.concludedOn)
  const titleLine = [p.title.vi, p.number, p.parentContractId ?? options.contractId]
    .filter(Boolean)
    .join(' – ')
  const info: Record<string, string | Date> = {
    Title: titleLine,
    Creator: 'ELC eContract',
    Producer: 'ELC eContract (PDFKit)',
    CreationDate: when,
    ModDate: when,
    Keywords: `${p.title.en}; ${DATA_FILE_NAME}`,
  }
  if (p.author) info.Author = p.author
  if (options.contractId) {
    info.Subject = contractIdSubject(options.contractId)
    info[ID_INFO_KEY] = options.contractId
  }

  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    // The default would be Helvetica; starting with the embedded font keeps standard-14 fonts out.
    font: FONT_FILES.regular,
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: info as PDFKit.DocumentInfo,
  })
  registerFonts(pdf)
  const chunks: Buffer[] = []
  pdf.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)
  })

  const layout = new Layout(pdf)
  layout.newPage()
  header(layout, p, options.contractId)
  p.body(layout)
  layout.space(10)
  // The date of conclusion stays on the page of the signatures it dates.
  layout.ensure(SIGNATURE_BLOCK_HEIGHT + 40)
  layout.bilingual({
    vi: `Ngày giao kết: ${formatDate(p.concludedOn)}`,
    en: `Concluded on ${formatDate(p.concludedOn)}`,
  })
  const boxes = layout.signatures(p.signatures)
  const id = options.contractId ?? p.parentContractId
  layout.footers(id ? `${p.title.vi} · Mã hợp đồng / Contract ID: ${id}` : `${p.title.vi} · ${p.title.en}`)

  // R1.32: the structured data, byte for byte what the Platform recomputes from the submitted data.
  pdf.file(canonicalDataBytes(doc), {
    name: DATA_FILE_NAME,
    type: 'application/json',
    description: 'Dữ liệu có cấu trúc của tài liệu / Structured data of the document',
    creationDate: when,
    modifiedDate: when,
    relationship: 'Data',
  } as PDFKit.Mixins.PDFAttachmentOptions)
  const pages = pdf.bufferedPageRange().count
  pdf.end()
  const bytes = await done
  const [first, second] = boxes
  const signatureBoxes: SignatureBoxes =
    boxes.length === 1 && first
      ? { employer: first }
      : { worker: first as SignatureBox, employer: second as SignatureBox }
  return { pdf: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), pages, signatureBoxes }
}

/** The document as a PDF (R4.6, R4.7), one entry point for every kind. */
export async function renderContractPdf(
  doc: ContractDocument,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  return (await renderContractDocument(doc, options)).pdf
}

/** Where the signing step places each party's visible signature in the PDF this document renders to. */
export async function signatureBoxes(
  doc: ContractDocument,
  options: RenderOptions = {},
): Promise<SignatureBoxes> {
  return (await renderContractDocument(doc, options)).signatureBoxes
}

function header(layout: Layout, p: Plan, contractId: string | undefined): void {
  layout.bilingual(
    { vi: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', en: '' },
    { size: 12, bold: true, align: 'center' },
  )
  layout.bilingual({ vi: 'Độc lập - Tự do - Hạnh phúc', en: '' }, { size: 12, bold: true, align: 'center' })
  layout.rule(150)
  layout.bilingual(
    { vi: '', en: 'Socialist Republic of Vietnam · Independence - Freedom - Happiness' },
    { align: 'center' },
  )
  if (contractId && contractId !== p.parentContractId) {
    layout.space(6)
    layout.bilingual(
      {
        vi: `Mã hợp đồng lao động điện tử: ${contractId}`,
        en: `Electronic labour contract ID: ${contractId}`,
      },
      { size: 11, bold: true, align: 'right' },
    )
  }
  layout.space(14)
  layout.title({ vi: p.title.vi.toUpperCase(), en: p.title.en })
  if (p.number) layout.bilingual({ vi: `Số: ${p.number}`, en: `No. ${p.number}` }, { align: 'center' })
  layout.space(8)
  if (p.parentContractId) parentCallout(layout, p.parentContractId)
  layout.space(4)
}
