// Stream decoding for what the signature code must read: xref and object streams, DSS data. FlateDecode
// with PNG/TIFF predictors (§7.4.4.4); output capped so a zip bomb is an error, not an outage.
import { inflateSync } from 'node:zlib'
import { isName, PdfDict, type PdfObject, type PdfStream } from './objects.ts'
import { PDF_LIMITS, PdfError } from './pdf-error.ts'

export function decodeStream(stream: PdfStream): Uint8Array {
  const filters = asArray(stream.dict.get('Filter'))
  const params = asArray(stream.dict.get('DecodeParms'))
  let data = stream.data
  filters.forEach((filter, i) => {
    if (!isName(filter)) throw new PdfError('bad /Filter', '/Filter không hợp lệ')
    if (filter.value !== 'FlateDecode')
      throw new PdfError(`unsupported filter ${filter.value}`, `bộ lọc ${filter.value} không được hỗ trợ`)
    data = inflate(data)
    const p = params[i]
    if (p instanceof PdfDict) data = unpredict(data, p)
  })
  return data
}

function asArray(value: PdfObject | undefined): PdfObject[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

function inflate(data: Uint8Array): Uint8Array {
  try {
    return inflateSync(data, {
      maxOutputLength: PDF_LIMITS.maxDecodedStream,
      finishFlush: 2 /* Z_SYNC_FLUSH */,
    })
  } catch (e) {
    const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
    throw tooBig
      ? new PdfError('a stream decodes to more than the limit', 'luồng giải nén vượt giới hạn')
      : new PdfError('a compressed stream is corrupt', 'luồng nén bị hỏng')
  }
}

function unpredict(data: Uint8Array, params: PdfDict): Uint8Array {
  const predictor = numberOr(params.get('Predictor'), 1)
  if (predictor === 1) return data
  const colors = numberOr(params.get('Colors'), 1)
  const bpc = numberOr(params.get('BitsPerComponent'), 8)
  const columns = numberOr(params.get('Columns'), 1)
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8))
  const rowLength = Math.ceil((colors * bpc * columns) / 8)
  if (rowLength <= 0 || rowLength > 1 << 20)
    throw new PdfError('bad predictor columns', 'tham số dự đoán không hợp lệ')
  if (predictor === 2) throw new PdfError('TIFF predictor unsupported', 'bộ dự đoán TIFF không được hỗ trợ')
  // PNG predictors: each row starts with its filter type byte.
  const rows = Math.floor(data.length / (rowLength + 1))
  const out = new Uint8Array(rows * rowLength)
  const prev = new Uint8Array(rowLength)
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)]
    const row = data.subarray(r * (rowLength + 1) + 1, (r + 1) * (rowLength + 1))
    const cur = out.subarray(r * rowLength, (r + 1) * rowLength)
    for (let i = 0; i < rowLength; i++) {
      const left = i >= bpp ? (cur[i - bpp] as number) : 0
      const up = prev[i] as number
      const upLeft = i >= bpp ? (prev[i - bpp] as number) : 0
      const x = row[i] as number
      let v: number
      if (type === 0) v = x
      else if (type === 1) v = x + left
      else if (type === 2) v = x + up
      else if (type === 3) v = x + ((left + up) >> 1)
      else if (type === 4) v = x + paeth(left, up, upLeft)
      else throw new PdfError('bad PNG predictor row', 'dòng dự đoán PNG không hợp lệ')
      cur[i] = v & 0xff
    }
    prev.set(cur)
  }
  return out
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

function numberOr(value: PdfObject | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback
}
