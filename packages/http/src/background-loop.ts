// The loop behind every background worker of the services (decisions, webhooks, the outbox, deliveries):
// a round runs when kicked (right after new work is committed) and on a timer (work left by a crash or a
// retry that came due); a kick during a round runs exactly one more round after it, so rounds never
// overlap and no kick is lost. Stopping waits for the round in progress.
export class BackgroundLoop {
  private running: Promise<void> | undefined
  private again = false
  private stopped = false
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly round: () => Promise<unknown>,
    intervalMs: number,
    /** A round that throws is reported here; the next kick or tick tries again. */
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.timer = setInterval(() => this.kick(), intervalMs)
    this.timer.unref()
  }

  /** Runs a round now, or once more right after the round in progress. */
  kick(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.round()
      .then(
        () => undefined,
        (err) => this.onError(err),
      )
      .finally(() => {
        this.running = undefined
        if (this.again) {
          this.again = false
          this.kick()
        }
      })
  }

  /** No more rounds; resolves when the one in progress has finished. */
  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.timer)
    await this.running
  }

  get isStopped(): boolean {
    return this.stopped
  }
}
