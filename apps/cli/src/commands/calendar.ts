// `elc calendar working-days FROM N` and `elc calendar holidays YEAR`, on the Vietnamese calendar.
import { addWorkingDays, holidaysOfYear, isValidDate, type Lang } from '@elc/core'
import { UsageError } from '../cli-error.ts'
import type { Io } from '../output.ts'

export function workingDaysCommand(
  args: { from: string | undefined; n: string | undefined },
  io: Io,
): number {
  if (!args.from || !isValidDate(args.from) || !args.n || !/^\d{1,4}$/.test(args.n))
    throw new UsageError('elc calendar working-days YYYY-MM-DD N   (N: 0–9999)')
  io.out(addWorkingDays(args.from, Number(args.n)))
  return 0
}

export function holidaysCommand(args: { year: string | undefined; lang: Lang }, io: Io): number {
  if (!args.year || !/^\d{4}$/.test(args.year)) throw new UsageError('elc calendar holidays YYYY')
  for (const h of holidaysOfYear(Number(args.year))) io.out(`${h.date}  ${h.name[args.lang]}`)
  return 0
}
