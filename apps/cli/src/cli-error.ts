// A mistake in how the command was called or what it was given: printed as one line, never a stack trace.
export class UsageError extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode = 2) {
    super(message)
    this.exitCode = exitCode
  }
}
