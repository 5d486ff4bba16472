// `elc rules`: the rules the validator applies, with their LEGAL.md ids, codes and certainty.
import { type Lang, RULES } from '@elc/core'
import type { Io } from '../output.ts'

export function rulesCommand(args: { lang: Lang; json: boolean }, io: Io): number {
  if (args.json) {
    io.out(
      JSON.stringify(
        RULES.map(({ check: _check, ...meta }) => meta),
        null,
        2,
      ),
    )
    return 0
  }
  for (const r of RULES)
    io.out(
      `${r.ruleId.padEnd(8)} [${r.tag}] ${r.severity.padEnd(7)} ${r.kind.padEnd(11)} ${r.code}  ${r.title[args.lang]}`,
    )
  return 0
}
