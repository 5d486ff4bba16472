import type { Io } from '../output.ts'

export async function startCommand(io: Io): Promise<number> {
  io.err('elc start: no service yet')
  return 2
}
