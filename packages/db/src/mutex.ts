/**
 * A first-in, first-out async mutex.
 *
 * PGlite is a single PostgreSQL backend: whoever holds it owns the session, including any open
 * transaction. Callers queue in arrival order so a burst of queries cannot starve a transaction
 * that is waiting to commit.
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve()

  /** Waits for every earlier holder to unlock, then returns this holder's unlock function. */
  async lock(): Promise<() => void> {
    let unlock!: () => void
    const released = new Promise<void>((resolve) => {
      unlock = resolve
    })
    const previous = this.#tail
    this.#tail = previous.then(() => released)
    await previous
    let done = false
    // Unlocking twice would release the next holder's turn too; make it a no-op instead.
    return () => {
      if (done) return
      done = true
      unlock()
    }
  }
}
