// Decides accepted submissions in the background, within seconds (R1.31 allows 24 hours): woken by each
// new submission, and on a timer so that work left by a crash is picked up after a restart.
import type { FastifyBaseLogger } from 'fastify'
import type { SubmissionsService } from '../submissions/index.ts'

export class DecisionWorker {
  private running: Promise<void> | undefined
  private again = false
  private timer: NodeJS.Timeout | undefined
  private stopped = false
  private backfilled = false

  constructor(
    private readonly service: SubmissionsService,
    private readonly log: FastifyBaseLogger,
    intervalMs = 1_000,
  ) {
    this.timer = setInterval(() => this.kick(), intervalMs)
    this.timer.unref()
    this.kick()
  }

  /** Runs a round now, or right after the one in progress. */
  kick(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.round().finally(() => {
      this.running = undefined
      if (this.again) {
        this.again = false
        this.kick()
      }
    })
  }

  private async round(): Promise<void> {
    try {
      // Once per start: contracts decided before their provinces were recorded get them now.
      if (!this.backfilled) {
        await this.service.backfillFacts()
        this.backfilled = true
      }
      while (!this.stopped && (await this.service.decidePending()) > 0) {}
    } catch (err) {
      // Left accepted: the next round (or the next start) decides it again from scratch.
      this.log.error({ err }, 'deciding submissions failed; will retry')
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    await this.running
  }
}
