// `elc verify FILE.pdf [--trust ROOT.pem …] [--offline] [--json] [--lang vi|en]`: the TT 15/2025 report.
// Exit 0 valid, 1 invalid, 2 indeterminate, 3 not a PDF (or unreadable as one).
import { readFile } from 'node:fs/promises'
import type { Lang } from '@elc/core'
import { looksLikePdf, PdfError, RevocationChecker, renderReport, TrustStore, verifyPdf } from '@elc/pki'
import { UsageError } from '../cli-error.ts'
import type { Io } from '../output.ts'
import { DEFAULT_SIM_BASE_URL } from './sim.ts'

export interface VerifyArgs {
  file: string
  trust: string[]
  offline: boolean
  json: boolean
  lang: Lang
}

const EXIT = { valid: 0, invalid: 1, indeterminate: 2 } as const

export async function verifyCommand(args: VerifyArgs, io: Io): Promise<number> {
  let bytes: Buffer
  try {
    bytes = await readFile(args.file)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new UsageError(
      args.lang === 'vi'
        ? `Không đọc được tệp ${args.file} (${code}).`
        : `Cannot read ${args.file} (${code}).`,
    )
  }
  if (!looksLikePdf(bytes)) {
    io.err(args.lang === 'vi' ? `${args.file}: không phải tệp PDF.` : `${args.file}: not a PDF.`)
    return 3
  }
  const trust = await trustStore(args)
  try {
    const report = await verifyPdf(bytes, {
      trust,
      revocation: new RevocationChecker({ online: !args.offline }),
    })
    io.out(
      args.json
        ? JSON.stringify({ path: args.file, ...report }, null, 2)
        : renderReport(report, args.lang, args.file).trimEnd(),
    )
    return EXIT[report.verdict]
  } catch (e) {
    if (!(e instanceof PdfError)) throw e
    io.err(`${args.file}: ${e.text[args.lang]}`)
    return 3
  }
}

/** Trust anchors from files, or the simulator's root (the NEAC stand-in) when none are given. */
async function trustStore(args: VerifyArgs): Promise<TrustStore> {
  if (args.trust.length > 0) {
    try {
      return await TrustStore.fromFiles(args.trust)
    } catch (e) {
      throw new UsageError(`--trust: ${(e as Error).message}`)
    }
  }
  const url = `${process.env.SIM_BASE_URL ?? DEFAULT_SIM_BASE_URL}/ca/neac-root.crt`
  try {
    return await TrustStore.fromUrls([url])
  } catch {
    throw new UsageError(
      args.lang === 'vi'
        ? `Không lấy được chứng thư gốc mô phỏng tại ${url}; chạy "elc sim start" hoặc dùng --trust ROOT.pem.`
        : `Cannot fetch the simulator's root from ${url}; run "elc sim start" or pass --trust ROOT.pem.`,
    )
  }
}
