// Renders contracts on worker threads, so a bulk job's rendering uses the machine's other cores instead
// of the thread that serves requests and signs. The threads load TypeScript through tsx, as the app does.
import { Worker } from 'node:worker_threads'
import type { SignatureBoxes } from '../render/index.ts'

export interface Rendered {
  pdf: Uint8Array
  signatureBoxes: SignatureBoxes
}

type Pending = { resolve: (r: Rendered) => void; reject: (e: Error) => void }

export class RenderPool {
  private readonly threads: Array<{ worker: Worker; busy: number }> = []
  private readonly pending = new Map<number, Pending>()
  private next = 0

  constructor(size = 1) {
    const api = import.meta.resolve('tsx/esm/api')
    const entry = new URL('./render-thread.ts', import.meta.url).href
    const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}) })`
    for (let i = 0; i < size; i++) {
      const worker = new Worker(code, { eval: true })
      const thread = { worker, busy: 0 }
      worker.on(
        'message',
        (m: { id: number; pdf?: Uint8Array; signatureBoxes?: SignatureBoxes; error?: string }) => {
          thread.busy--
          const waiting = this.pending.get(m.id)
          this.pending.delete(m.id)
          if (!waiting) return
          if (m.error || !m.pdf || !m.signatureBoxes) waiting.reject(new Error(`render thread: ${m.error}`))
          else waiting.resolve({ pdf: m.pdf, signatureBoxes: m.signatureBoxes })
        },
      )
      worker.on('error', (error) => {
        for (const [, p] of this.pending) p.reject(error)
        this.pending.clear()
      })
      this.threads.push(thread)
    }
  }

  render(data: unknown): Promise<Rendered> {
    const thread = this.threads.reduce((a, b) => (b.busy < a.busy ? b : a))
    const id = this.next++
    thread.busy++
    return new Promise<Rendered>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      thread.worker.postMessage({ id, data })
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()))
  }
}
