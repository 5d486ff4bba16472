// The eContract's SMTP mailer against the simulator's mail sink: the signed contract reaches both parties
// (D5.3, R1.14) and the ID-bearing copy follows (R1.17), read back through the simulator's HTTP API.
import { createHash } from 'node:crypto'
import { createServer, type Server, type Socket } from 'node:net'
import type { ElcError } from '@elc/core'
import { describeEachDatabase } from '@elc/db/testing'
import { buildSimulator, type SmtpSink } from '@elc/sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  classifySendError,
  SmtpMailer,
  signedContractMessage,
  smtpMailerFromEnv,
} from '../src/delivery/index.ts'

const PDF = new Uint8Array(
  Buffer.concat([
    Buffer.from('%PDF-1.7\n%âãÏÓ\n'),
    Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31) % 256)),
    Buffer.from('\n%%EOF\n'),
  ]),
)
const SHA256 = createHash('sha256').update(PDF).digest('hex')
const CONTRACT = {
  employerName: 'Công ty TNHH Dệt may Sông Hồng',
  workerName: 'Nguyễn Thị Hồng Nhung',
  contractTitle: 'Hợp đồng lao động xác định thời hạn 24 tháng',
  pdf: PDF,
  viewUrl: 'http://127.0.0.1:8082/contracts/c-1',
}
const WORKER = { to: 'nhung.nguyen@example.vn', recipientName: 'Nguyễn Thị Hồng Nhung' }
const EMPLOYER = { to: 'nhansu@songhong.example.vn', recipientName: 'Công ty TNHH Dệt may Sông Hồng' }
const PARTIES = [WORKER, EMPLOYER]

interface Listed {
  id: string
  envelope: { to: string[] }
  messageId: string
  subject: string
  attachments: Array<{ filename: string; contentType: string; sha256: string; url: string }>
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

async function failure(promise: Promise<unknown>): Promise<ElcError> {
  try {
    await promise
  } catch (err) {
    return err as ElcError
  }
  throw new Error('expected the send to fail')
}

describeEachDatabase('e-mail delivery of signed contracts over SMTP', (ctx) => {
  let sim: Awaited<ReturnType<typeof buildSimulator>>
  let sink: SmtpSink
  let mailer: SmtpMailer

  beforeAll(async () => {
    sim = await buildSimulator({ db: ctx.db() as never, baseUrl: 'http://127.0.0.1:1' })
    sink = await sim.mail.startSmtp({ port: 0 })
    // Credentials are accepted as given: the sink takes any.
    mailer = new SmtpMailer({
      url: `smtp://econtract:bi-mat@127.0.0.1:${sink.port}`,
      from: '"eContract — HĐLĐ điện tử" <no-reply@econtract.example.vn>',
    })
  })

  afterAll(async () => {
    mailer.close()
    await sim.app.close()
  })

  const inbox = async (to: string) =>
    (
      (
        await sim.app.inject({ method: 'GET', url: `/mail/messages?to=${encodeURIComponent(to)}` })
      ).json() as {
        messages: Listed[]
      }
    ).messages

  it('sends the signed contract to both parties, each with the PDF byte for byte (D5.3, R1.14)', async () => {
    for (const party of PARTIES) {
      const sent = await mailer.send(signedContractMessage({ ...CONTRACT, ...party }))
      const [received] = await inbox(party.to)
      expect(received?.messageId).toBe(sent.messageId)
      expect(received?.envelope.to).toEqual([party.to])
      expect(received?.subject).toBe(
        'Hợp đồng lao động đã ký: Hợp đồng lao động xác định thời hạn 24 tháng / Signed labor contract: Hợp đồng lao động xác định thời hạn 24 tháng',
      )
      expect(received?.attachments).toHaveLength(1)
      expect(received?.attachments[0]).toMatchObject({
        filename: 'HĐLĐ Hợp đồng lao động xác định thời hạn 24 tháng.pdf',
        contentType: 'application/pdf',
        sha256: SHA256,
      })
      const file = await sim.app.inject({ method: 'GET', url: received?.attachments[0]?.url as string })
      expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(SHA256)

      const detail = (
        await sim.app.inject({ method: 'GET', url: `/mail/messages/${received?.id}` })
      ).json() as { text: string; html: string; from: string }
      expect(detail.from).toContain('no-reply@econtract.example.vn')
      expect(detail.text).toBe(detail.text.normalize('NFC'))
      expect(detail.text).toContain(`Kính gửi ${party.recipientName},`)
      expect(detail.text).toContain(`Dear ${party.recipientName},`)
      expect(detail.text.indexOf('Kính gửi')).toBeLessThan(detail.text.indexOf('Dear'))
      expect(detail.text).toContain(
        'giữa Công ty TNHH Dệt may Sông Hồng (người sử dụng lao động) và Nguyễn Thị Hồng Nhung',
      )
      expect(detail.html).toContain(`href="${CONTRACT.viewUrl}"`)
    }
  })

  it('sends the ID-bearing contract again once the Platform issued the ID (R1.17)', async () => {
    const idPdf = new Uint8Array(Buffer.concat([Buffer.from(PDF), Buffer.from('% A260123456789\n')]))
    for (const party of PARTIES)
      await mailer.send(
        signedContractMessage({ ...CONTRACT, ...party, pdf: idPdf, contractId: 'A260123456789' }),
      )
    for (const party of PARTIES) {
      const [latest, first] = await inbox(party.to)
      expect(latest?.subject).toBe(
        'Hợp đồng lao động mã số A260123456789: Hợp đồng lao động xác định thời hạn 24 tháng / Labor contract ID A260123456789: Hợp đồng lao động xác định thời hạn 24 tháng',
      )
      expect(latest?.attachments[0]).toMatchObject({
        filename: 'HDLD-A260123456789.pdf',
        sha256: createHash('sha256').update(idPdf).digest('hex'),
      })
      expect(first?.attachments[0]?.sha256).toBe(SHA256)
    }
  })

  it('keeps a Vietnamese file name given by the caller', async () => {
    await mailer.send(
      signedContractMessage({
        ...CONTRACT,
        ...WORKER,
        fileName: 'HĐLĐ Nguyễn Thị Hồng Nhung.pdf'.normalize('NFD'),
      }),
    )
    const [received] = await inbox(WORKER.to)
    expect(received?.attachments[0]?.filename).toBe('HĐLĐ Nguyễn Thị Hồng Nhung.pdf')
  })

  it('a refused recipient is MAIL_REJECTED: retrying will not help', async () => {
    const err = await failure(
      mailer.send(
        signedContractMessage({ ...CONTRACT, to: 'nguoi-lao-dong@congty.invalid', recipientName: 'A' }),
      ),
    )
    expect(err).toMatchObject({ code: 'MAIL_REJECTED', status: 422, ruleId: 'R1.14' })
  })

  it('a sink that is down is MAIL_UNAVAILABLE (503) so the job retries', async () => {
    const down = await sim.mail.startSmtp({ port: 0 })
    await down.close()
    const offline = new SmtpMailer({
      url: `smtp://127.0.0.1:${down.port}`,
      from: 'no-reply@econtract.example.vn',
    })
    const err = await failure(offline.send(signedContractMessage({ ...CONTRACT, ...WORKER })))
    expect(err).toMatchObject({ code: 'MAIL_UNAVAILABLE', status: 503 })
    expect(err.text.vi).toMatch(/gửi lại sau/)
    offline.close()
  })
})

describe('SMTP failures that are not the sink', () => {
  let silent: Server
  let port: number
  const sockets = new Set<Socket>()

  beforeAll(async () => {
    port = await freePort()
    // Accepts the connection and never greets.
    silent = createServer((socket) => sockets.add(socket)).listen(port, '127.0.0.1')
  })

  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => silent.close(() => resolve()))
  })

  it('a server that never greets times out as MAIL_UNAVAILABLE', async () => {
    const slow = new SmtpMailer({
      url: `smtp://127.0.0.1:${port}`,
      from: 'no-reply@econtract.example.vn',
      timeouts: { greetingMs: 300, connectionMs: 300, socketMs: 300 },
    })
    const started = Date.now()
    const err = await failure(slow.send(signedContractMessage({ ...CONTRACT, ...WORKER })))
    expect(err).toMatchObject({ code: 'MAIL_UNAVAILABLE' })
    expect(Date.now() - started).toBeLessThan(5_000)
    slow.close()
  })

  it.each([
    [{ code: 'EENVELOPE', responseCode: 550, permanent: true }, 'MAIL_REJECTED'],
    [{ code: 'EMESSAGE', responseCode: 552 }, 'MAIL_REJECTED'],
    [{ code: 'EENVELOPE', responseCode: 450, permanent: false }, 'MAIL_UNAVAILABLE'],
    [{ code: 'EMESSAGE', responseCode: 451 }, 'MAIL_UNAVAILABLE'],
    // 503 is "bad sequence", not a verdict on the message.
    [{ code: 'EPROTOCOL', responseCode: 503 }, 'MAIL_UNAVAILABLE'],
    [{ code: 'ECONNECTION', responseCode: 421 }, 'MAIL_UNAVAILABLE'],
    [{ code: 'ESOCKET' }, 'MAIL_UNAVAILABLE'],
    [{ code: 'ETIMEDOUT' }, 'MAIL_UNAVAILABLE'],
    [{ code: 'EDNS' }, 'MAIL_UNAVAILABLE'],
    [{ code: 'EAUTH', responseCode: 454 }, 'MAIL_UNAVAILABLE'],
    [{ code: 'EENVELOPE' }, 'MAIL_REJECTED'],
    [new Error('something else'), 'MAIL_UNAVAILABLE'],
  ])('%o is %s', (err, code) => {
    expect(classifySendError(err).code).toBe(code)
  })

  it('is configured from ELC_ECONTRACT_SMTP_URL, off without it, and refuses other schemes', () => {
    expect(smtpMailerFromEnv({})).toBeUndefined()
    const mailer = smtpMailerFromEnv({ ELC_ECONTRACT_SMTP_URL: 'smtp://127.0.0.1:2525' })
    expect(mailer).toBeInstanceOf(SmtpMailer)
    mailer?.close()
    expect(() => smtpMailerFromEnv({ ELC_ECONTRACT_SMTP_URL: 'http://127.0.0.1:2525' })).toThrow(
      expect.objectContaining({ code: 'MAIL_CONFIG_INVALID' }),
    )
  })
})
