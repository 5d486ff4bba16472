import type { Finding, Lang } from '@elc/core'

export interface Io {
  out(line: string): void
  err(line: string): void
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}

const SEVERITY = {
  error: { vi: 'LỖI', en: 'ERROR' },
  warning: { vi: 'CẢNH BÁO', en: 'WARNING' },
} as const

export function formatFinding(f: Finding, lang: Lang): string {
  return `  ${SEVERITY[f.severity][lang].padEnd(9)} ${f.ruleId.padEnd(10)} ${f.code}\n            ${f.message[lang]}`
}
