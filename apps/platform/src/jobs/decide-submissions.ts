// Decides accepted submissions in the background, within seconds (R1.31 allows 24 hours): woken by each
// new submission, and on a timer so that work left by a crash is picked up after a restart.
import { BackgroundLoop } from '@elc/http'
import type { FastifyBaseLogger } from 'fastify'
import type { SubmissionsService } from '../submissions/index.ts'

export class DecisionWorker {
  private readonly loop: BackgroundLoop
  private backfilled = false

  constructor(
    private readonly service: SubmissionsService,
    log: FastifyBaseLogger,
    intervalMs = 1_000,
  ) {
    // A failed round leaves its submissions accepted: the next round (or the next start) decides them anew.
    this.loop = new BackgroundLoop(
      () => this.round(),
      intervalMs,
      (err) => log.error({ err }, 'deciding submissions failed; will retry'),
    )
    this.loop.kick()
  }

  /** Runs a round now, or right after the one in progress. */
  kick(): void {
    this.loop.kick()
  }

  private async round(): Promise<void> {
    // Once per start: contracts decided before their provinces were recorded get them now.
    if (!this.backfilled) {
      await this.service.backfillFacts()
      this.backfilled = true
    }
    while (!this.loop.isStopped && (await this.service.decidePending()) > 0) {}
  }

  stop(): Promise<void> {
    return this.loop.stop()
  }
}
