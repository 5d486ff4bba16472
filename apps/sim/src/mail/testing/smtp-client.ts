// A bare SMTP client for the sink's tests: commands and replies as they go over the wire, so the tests see
// exactly what the sink answers (multi-line replies joined).
import { connect, type Socket } from 'node:net'

export interface Reply {
  code: number
  text: string
}

export class SmtpClient {
  private buffer = ''
  private lines: string[] = []
  private waiting: (() => void) | undefined

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      this.buffer += chunk
      let at = this.buffer.indexOf('\r\n')
      while (at >= 0) {
        this.lines.push(this.buffer.slice(0, at))
        this.buffer = this.buffer.slice(at + 2)
        at = this.buffer.indexOf('\r\n')
      }
      this.waiting?.()
    })
  }

  static async open(port: number): Promise<{ client: SmtpClient; greeting: Reply }> {
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', reject)
    })
    const client = new SmtpClient(socket)
    return { client, greeting: await client.reply() }
  }

  async reply(): Promise<Reply> {
    const text: string[] = []
    for (;;) {
      while (!this.lines.length) await new Promise<void>((resolve) => (this.waiting = resolve))
      const line = this.lines.shift() as string
      text.push(line.slice(4))
      if (line[3] !== '-') return { code: Number(line.slice(0, 3)), text: text.join('\n') }
    }
  }

  async command(line: string): Promise<Reply> {
    this.socket.write(`${line}\r\n`)
    return this.reply()
  }

  /** DATA, the message (dot-stuffed), and the final dot. */
  async data(message: string): Promise<Reply> {
    const start = await this.command('DATA')
    if (start.code !== 354) return start
    const body = message.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')
    this.socket.write(`${body}${body.endsWith('\r\n') ? '' : '\r\n'}.\r\n`)
    return this.reply()
  }

  async quit(): Promise<void> {
    await this.command('QUIT').catch(() => undefined)
    this.socket.destroy()
  }
}
