// A render pool thread: renders the contracts it is sent (pdfkit is CPU-bound) and sends back the PDF
// and where the signatures go.
import { parentPort } from 'node:worker_threads'
import { renderContractDocument } from '../render/index.ts'

parentPort?.on('message', async (message: { id: number; data: unknown }) => {
  try {
    const { pdf, signatureBoxes } = await renderContractDocument(message.data as never)
    const bytes = new Uint8Array(pdf)
    parentPort?.postMessage({ id: message.id, pdf: bytes, signatureBoxes }, [bytes.buffer])
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: String((error as Error)?.stack ?? error) })
  }
})
