// `elc validate FILE.json [--lang vi|en] [--json]`: exit 0 without errors, 1 with errors, 2 when the input
// is not a contract document at all.
import { readFile } from 'node:fs/promises'
import { DOCUMENT_KINDS, type Lang, validateDocument } from '@elc/core'
import { UsageError } from '../cli-error.ts'
import { formatFinding, type Io } from '../output.ts'

export async function validateCommand(
  args: { file: string; lang: Lang; json: boolean },
  io: Io,
): Promise<number> {
  let raw: string
  try {
    raw = await readFile(args.file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new UsageError(
      args.lang === 'vi'
        ? `Không đọc được tệp ${args.file} (${code}).`
        : `Cannot read ${args.file} (${code}).`,
    )
  }
  let input: unknown
  try {
    input = JSON.parse(raw)
  } catch (e) {
    const reason = (e as Error).message
    throw new UsageError(
      args.lang === 'vi'
        ? `${args.file}: không phải JSON hợp lệ (${reason}).`
        : `${args.file}: not valid JSON (${reason}).`,
    )
  }
  const report = validateDocument(input)
  if (args.json) {
    io.out(JSON.stringify({ file: args.file, ...report, document: undefined }, null, 2))
  } else {
    const errors = report.findings.filter((f) => f.severity === 'error').length
    const warnings = report.findings.length - errors
    const kind = report.kind ? DOCUMENT_KINDS.labels[report.kind][args.lang] : ''
    const verdict =
      args.lang === 'vi'
        ? `${report.valid ? 'HỢP LỆ' : 'KHÔNG HỢP LỆ'} (${errors} lỗi, ${warnings} cảnh báo)`
        : `${report.valid ? 'VALID' : 'INVALID'} (${errors} errors, ${warnings} warnings)`
    io.out(`${args.file}: ${kind ? `${kind}: ` : ''}${verdict}`)
    for (const f of report.findings) io.out(formatFinding(f, args.lang))
  }
  if (!report.recognised) return 2
  return report.valid ? 0 : 1
}
