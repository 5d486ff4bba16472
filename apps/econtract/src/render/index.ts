// Rendering labor contracts and their lifecycle documents to the PDF the parties sign (R4.6, R4.7), and
// stamping the issued contract ID into the signed PDF (R1.29).
export { contractIdSubject, ID_INFO_KEY } from './contract-id-info.ts'
export type { SignatureBox } from './layout.ts'
export {
  type ContractDocument,
  type RenderedDocument,
  type RenderOptions,
  renderContractDocument,
  renderContractPdf,
  type SignatureBoxes,
  signatureBoxes,
} from './render-contract-pdf.ts'
export { stampContractId } from './stamp-contract-id.ts'
