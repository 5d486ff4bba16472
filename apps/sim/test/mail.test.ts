// The simulator's mail sink over real SMTP, read back through its HTTP API: what demos and the eContract's
// delivery tests (D5.3, R1.14) rely on.
import { createHash } from 'node:crypto'
import { describeEachDatabase } from '@elc/db/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SmtpSink } from '../src/mail/index.ts'
import { SmtpClient } from '../src/mail/testing/smtp-client.ts'
import { buildSimulator } from '../src/simulator.ts'

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256)),
])
const FILE_NAME = 'HĐLĐ Nguyễn Thị Hồng Nhung.pdf'
const SUBJECT = 'Hợp đồng lao động đã ký <script>alert(1)</script>'
const TEXT = 'Kính gửi chị Nguyễn Thị Hồng Nhung,\r\n.dòng bắt đầu bằng dấu chấm\r\nDear Ms Nhung,'

function b64(value: string | Buffer): string {
  return (typeof value === 'string' ? Buffer.from(value, 'utf8') : value)
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n')
}

function rawMessage(to: string): string {
  return [
    'From: "Công ty TNHH Sông Hồng" <nhansu@songhong.example.vn>',
    `To: "Nguyễn Thị Hồng Nhung" <${to}>`,
    `Subject: =?UTF-8?B?${Buffer.from(SUBJECT).toString('base64')}?=`,
    'Message-ID: <hdld-1@songhong.example.vn>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="ranh-gioi"',
    '',
    '--ranh-gioi',
    'Content-Type: multipart/alternative; boundary="lua-chon"',
    '',
    '--lua-chon',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    TEXT,
    '--lua-chon',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64('<p>Kính gửi <b>chị Nhung</b></p>'),
    '--lua-chon--',
    '--ranh-gioi',
    'Content-Type: application/pdf',
    `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(FILE_NAME)}`,
    'Content-Transfer-Encoding: base64',
    '',
    b64(PDF),
    '--ranh-gioi--',
    '',
  ].join('\r\n')
}

async function deliver(
  port: number,
  to: string[],
  message: string,
  auth?: string,
): Promise<{ rcpt: number[]; data: number | undefined }> {
  const { client, greeting } = await SmtpClient.open(port)
  expect(greeting.code).toBe(220)
  expect((await client.command('EHLO econtract.test')).code).toBe(250)
  if (auth) expect((await client.command(`AUTH PLAIN ${auth}`)).code).toBe(235)
  expect((await client.command('MAIL FROM:<no-reply@econtract.test>')).code).toBe(250)
  const rcpt: number[] = []
  for (const address of to) rcpt.push((await client.command(`RCPT TO:<${address}>`)).code)
  const data = rcpt.some((code) => code === 250) ? (await client.data(message)).code : undefined
  await client.quit()
  return { rcpt, data }
}

describeEachDatabase('simulator mail sink', (ctx) => {
  let sim: Awaited<ReturnType<typeof buildSimulator>>
  let sink: SmtpSink

  beforeAll(async () => {
    sim = await buildSimulator({ db: ctx.db() as never, baseUrl: 'http://127.0.0.1:1' })
    sink = await sim.mail.startSmtp({ port: 0 })
  })

  afterAll(async () => {
    await sim.app.close()
  })

  const get = (url: string) => sim.app.inject({ method: 'GET', url })

  it('keeps a message sent with any AUTH credentials, and lists it newest first by envelope recipient', async () => {
    const anyCredentials = Buffer.from('\0ai-cung-duoc\0mat-khau-bat-ky').toString('base64')
    expect(
      await deliver(
        sink.port,
        ['Nhung@Example.vn', 'luu-tru@songhong.example.vn'],
        rawMessage('nhung@example.vn'),
        anyCredentials,
      ),
    ).toEqual({
      rcpt: [250, 250],
      data: 250,
    })
    // Without AUTH too, to another worker, so the filter has something to leave out.
    expect(await deliver(sink.port, ['binh@example.vn'], rawMessage('binh@example.vn'))).toEqual({
      rcpt: [250],
      data: 250,
    })

    const all = (await get('/mail/messages')).json() as { messages: Array<{ envelope: { to: string[] } }> }
    expect(all.messages.map((m) => m.envelope.to)).toEqual([
      ['binh@example.vn'],
      ['Nhung@Example.vn', 'luu-tru@songhong.example.vn'],
    ])

    const res = await get(`/mail/messages?to=${encodeURIComponent('nhung@example.VN')}`)
    expect(res.statusCode).toBe(200)
    const { messages } = res.json() as { messages: Array<Record<string, unknown>> }
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({
      envelope: { from: 'no-reply@econtract.test', to: ['Nhung@Example.vn', 'luu-tru@songhong.example.vn'] },
      messageId: '<hdld-1@songhong.example.vn>',
      subject: SUBJECT,
      attachments: [{ index: 0, filename: FILE_NAME, contentType: 'application/pdf', size: PDF.length }],
    })
    expect((await get('/mail/messages?to=nobody@example.vn')).json()).toEqual({ messages: [] })
  })

  it('returns the text, HTML and attachment list of one message, and the attachment byte for byte', async () => {
    const { messages } = (await get('/mail/messages?to=nhung@example.vn')).json() as {
      messages: Array<{ id: string }>
    }
    const id = messages[0]?.id as string
    const message = (await get(`/mail/messages/${id}`)).json() as Record<string, unknown> & {
      text: string
      attachments: Array<{ sha256: string; url: string }>
    }
    // Dot-stuffing undone, Vietnamese intact.
    expect(message.text.trim()).toBe(TEXT.replace(/\r\n/g, '\n'))
    expect(message.html).toContain('Kính gửi <b>chị Nhung</b>')
    const sha256 = createHash('sha256').update(PDF).digest('hex')
    expect(message.attachments[0]?.sha256).toBe(sha256)

    const file = await get(message.attachments[0]?.url as string)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('application/pdf')
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(sha256)
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="HDLD Nguyen Thi Hong Nhung.pdf"; filename*=UTF-8''${encodeURIComponent(FILE_NAME)}`,
    )
    expect(file.headers['x-content-type-options']).toBe('nosniff')
  })

  it('shows an inbox page that says it is a simulator, escapes what senders wrote and filters by recipient', async () => {
    const page = await get('/mail?to=binh@example.vn')
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.headers['content-security-policy']).toContain("default-src 'none'")
    expect(page.body).toContain('máy chủ SMTP mô phỏng')
    expect(page.body).toContain('simulated SMTP server')
    expect(page.body).toContain('binh@example.vn')
    expect(page.body).not.toContain('Nhung@Example.vn')
    expect(page.body).not.toContain('<script>')
    expect(page.body).toContain('&lt;script&gt;')
    expect(page.body).toContain(FILE_NAME)
    expect((await get('/mail?to=nobody@example.vn')).body).toContain('Chưa có thư nào')
  })

  it('answers problem+json for an unknown message or attachment', async () => {
    const missing = await get('/mail/messages/khong-co')
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ code: 'MAIL_MESSAGE_NOT_FOUND' })
    const { messages } = (await get('/mail/messages')).json() as { messages: Array<{ id: string }> }
    for (const index of ['7', 'x', '-1'])
      expect((await get(`/mail/messages/${messages[0]?.id}/attachments/${index}`)).json()).toMatchObject({
        code: 'MAIL_ATTACHMENT_NOT_FOUND',
      })
  })

  it('refuses .invalid recipients for good (550) so demos can show a bounce', async () => {
    expect(await deliver(sink.port, ['ai-do@congty.invalid'], rawMessage('ai-do@congty.invalid'))).toEqual({
      rcpt: [550],
      data: undefined,
    })
  })

  it('refuses a message over the size limit (552) and keeps nothing of it', async () => {
    const small = await sim.mail.startSmtp({ port: 0, maxMessageBytes: 2048 })
    const before = ((await get('/mail/messages')).json() as { messages: unknown[] }).messages.length
    expect(await deliver(small.port, ['lon@example.vn'], rawMessage('lon@example.vn'))).toEqual({
      rcpt: [250],
      data: 552,
    })
    expect(((await get('/mail/messages')).json() as { messages: unknown[] }).messages).toHaveLength(before)
    await small.close()
  })

  it('stops listening when the simulator closes', async () => {
    const other = await buildSimulator({ db: ctx.db() as never, baseUrl: 'http://127.0.0.1:1' })
    const started = await other.mail.startSmtp({ port: 0 })
    await other.app.close()
    await expect(SmtpClient.open(started.port)).rejects.toThrow(/ECONNREFUSED/)
  })
})
