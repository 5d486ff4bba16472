// `elc id new --type A|B|C` and `elc id check ID` (R1.29).
import {
  type ContractIdLetter,
  checkContractId,
  generateContractId,
  type Lang,
  parseContractId,
} from '@elc/core'
import { UsageError } from '../cli-error.ts'
import type { Io } from '../output.ts'

const ORIGIN = {
  A: { vi: 'giao kết điện tử từ 01/07/2026', en: 'concluded electronically from 2026-07-01' },
  B: { vi: 'chuyển đổi từ hợp đồng giấy', en: 'converted from a paper contract' },
  C: { vi: 'giao kết điện tử trước 01/07/2026', en: 'concluded electronically before 2026-07-01' },
} as const

export function idNewCommand(args: { type: string | undefined; now: Date }, io: Io): number {
  if (args.type !== 'A' && args.type !== 'B' && args.type !== 'C')
    throw new UsageError('elc id new --type A|B|C')
  io.out(generateContractId(args.type as ContractIdLetter, args.now))
  return 0
}

export function idCheckCommand(args: { id: string | undefined; lang: Lang; now: Date }, io: Io): number {
  if (!args.id) throw new UsageError('elc id check ID')
  const problems = checkContractId(args.id, args.now)
  const parsed = parseContractId(args.id)
  if (!parsed || problems.length > 0) {
    const why =
      args.lang === 'vi'
        ? `${args.id}: không hợp lệ (${problems.map((p) => p.code).join(', ')}): mã gồm A, B hoặc C, hai chữ số năm cấp và 10 chữ số (R1.29).`
        : `${args.id}: invalid (${problems.map((p) => p.code).join(', ')}): A, B or C, two digits of the year issued and 10 digits (R1.29).`
    io.out(why)
    return 1
  }
  io.out(
    args.lang === 'vi'
      ? `${args.id}: hợp lệ; loại ${parsed.letter} (${ORIGIN[parsed.letter].vi}), cấp năm ${parsed.issuedYear}, số ngẫu nhiên ${parsed.serial}.`
      : `${args.id}: valid; type ${parsed.letter} (${ORIGIN[parsed.letter].en}), issued in ${parsed.issuedYear}, random part ${parsed.serial}.`,
  )
  return 0
}
