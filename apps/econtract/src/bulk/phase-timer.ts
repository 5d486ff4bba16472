// Time spent per phase (rendering, signing, database…), summed over every call: what the bulk benchmark
// reports. Calls that overlap each count in full, so shares are of the summed time, not of the wall clock.
export type Phase = 'rendering' | 'signing' | 'certification' | 'network' | 'database' | (string & {})

export class PhaseTimer {
  readonly totals = new Map<Phase, number>()

  add(phase: Phase, ms: number): void {
    this.totals.set(phase, (this.totals.get(phase) ?? 0) + ms)
  }
}

/** Runs fn and adds its duration to the phase when a timer is given. */
export function timed<T>(timer: PhaseTimer | undefined, phase: Phase, fn: () => T): T {
  if (!timer) return fn()
  const start = performance.now()
  const result = fn()
  if (result instanceof Promise) return result.finally(() => timer.add(phase, performance.now() - start)) as T
  timer.add(phase, performance.now() - start)
  return result
}
