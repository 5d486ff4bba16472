// `elc sim issue | revoke | list`: the simulator's admin API over HTTP (SIM_BASE_URL). Exit 0 done,
// 1 the simulator refused (or could not be reached), 2 a usage error caught before asking it.
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KEY_ALGORITHMS, REVOCATION_REASONS } from '@elc/sim'
import { UsageError } from '../cli-error.ts'
import type { Io } from '../output.ts'

export const DEFAULT_SIM_BASE_URL = 'http://127.0.0.1:8081'

export interface SimIssueArgs {
  profile: string | undefined
  name: string | undefined
  personalId: string | undefined
  taxCode: string | undefined
  key: string | undefined
  issuer: string | undefined
  out: string | undefined
}

interface IssuedJson {
  serialNumber: string
  issuerId: string
  profile: string
  subject: string
  notBefore: string
  notAfter: string
  certificatePem: string
  privateKeyPem?: string
  chainPem: string[]
}

interface RecordJson {
  serialNumber: string
  issuerId: string
  profile: string
  subject: string
  notBefore: string
  notAfter: string
  issuedAt: string
  revokedAt: string | null
  revocationReason: string | null
  keyHeld?: boolean
}

const ISSUE_USAGE =
  'elc sim issue --profile person --name NAME --personal-id ID | --profile organisation --name NAME --tax-code MST [--key ecdsa-p256|rsa-pss-2048] [--issuer CA] [--out DIR]'

export async function simIssueCommand(args: SimIssueArgs, io: Io): Promise<number> {
  const body: Record<string, unknown> = {}
  if (!args.name) throw new UsageError(`--name is required\n${ISSUE_USAGE}`)
  if (args.profile === 'person') {
    if (!args.personalId || args.taxCode)
      throw new UsageError(`--profile person needs --personal-id (and no --tax-code)\n${ISSUE_USAGE}`)
    Object.assign(body, { profile: 'person', fullName: args.name, personalId: args.personalId })
  } else if (args.profile === 'organisation') {
    if (!args.taxCode || args.personalId)
      throw new UsageError(`--profile organisation needs --tax-code (and no --personal-id)\n${ISSUE_USAGE}`)
    Object.assign(body, { profile: 'organisation', organisationName: args.name, taxCode: args.taxCode })
  } else {
    throw new UsageError(`--profile person|organisation\n${ISSUE_USAGE}`)
  }
  if (args.key !== undefined) {
    if (!(KEY_ALGORITHMS as readonly string[]).includes(args.key))
      throw new UsageError(`--key ${KEY_ALGORITHMS.join('|')}`)
    body.keyAlgorithm = args.key
  }
  if (args.issuer !== undefined) body.issuerId = args.issuer

  const answer = await call<IssuedJson>(io, 'POST', '/admin/ca/certificates', body)
  if (!answer) return 1
  io.out('Đã cấp chứng thư số / Certificate issued')
  io.out(`  Số hiệu / Serial:     ${answer.serialNumber}`)
  io.out(`  Chủ thể / Subject:    ${answer.subject}`)
  io.out(`  CA cấp / Issuer:      ${answer.issuerId}`)
  io.out(`  Hiệu lực / Valid:     ${answer.notBefore} → ${answer.notAfter}`)
  if (!args.out) {
    io.out(answer.certificatePem.trimEnd())
    return 0
  }
  await mkdir(args.out, { recursive: true })
  const files = [join(args.out, `${answer.serialNumber}.cert.pem`)]
  await writeFile(files[0] as string, answer.certificatePem)
  if (answer.privateKeyPem) {
    const keyFile = join(args.out, `${answer.serialNumber}.key.pem`)
    await writeFile(keyFile, answer.privateKeyPem, { mode: 0o600 })
    // mode applies only when the file is created; make sure an existing one is narrowed too.
    await chmod(keyFile, 0o600)
    files.push(keyFile)
  }
  const chainFile = join(args.out, `${answer.serialNumber}.chain.pem`)
  await writeFile(
    chainFile,
    answer.chainPem
      .map((pem) => pem.trimEnd())
      .join('\n')
      .concat('\n'),
  )
  files.push(chainFile)
  io.out(`  Tệp / Files:          ${files.join(', ')}`)
  return 0
}

export async function simRevokeCommand(
  args: { serial: string | undefined; reason: string | undefined; json: boolean },
  io: Io,
): Promise<number> {
  const usage = `elc sim revoke SERIAL [--reason ${Object.keys(REVOCATION_REASONS).join('|')}]`
  if (!args.serial) throw new UsageError(usage)
  if (!/^(0x)?[0-9a-fA-F:]{1,100}$/.test(args.serial)) throw new UsageError(`SERIAL is hexadecimal\n${usage}`)
  if (args.reason !== undefined && !Object.hasOwn(REVOCATION_REASONS, args.reason))
    throw new UsageError(usage)
  const answer = await call<RecordJson>(
    io,
    'POST',
    `/admin/ca/certificates/${encodeURIComponent(args.serial)}/revoke`,
    { reason: args.reason ?? 'unspecified' },
  )
  if (!answer) return 1
  if (args.json) {
    io.out(JSON.stringify(answer, null, 2))
    return 0
  }
  io.out('Đã thu hồi chứng thư số / Certificate revoked')
  io.out(`  Số hiệu / Serial:     ${answer.serialNumber}`)
  io.out(`  Chủ thể / Subject:    ${answer.subject}`)
  io.out(`  Lý do / Reason:       ${answer.revocationReason}`)
  io.out(`  Thời điểm / At:       ${answer.revokedAt}`)
  return 0
}

export async function simListCommand(
  args: { issuer: string | undefined; json: boolean },
  io: Io,
): Promise<number> {
  const query = args.issuer ? `?issuerId=${encodeURIComponent(args.issuer)}&limit=1000` : '?limit=1000'
  const answer = await call<{ certificates: RecordJson[] }>(io, 'GET', `/admin/ca/certificates${query}`)
  if (!answer) return 1
  if (args.json) {
    io.out(JSON.stringify(answer.certificates, null, 2))
    return 0
  }
  io.out(`Chứng thư số / Certificates: ${answer.certificates.length}`)
  io.out(
    `${'Số hiệu / Serial'.padEnd(34)} ${'Loại / Profile'.padEnd(14)} ${'Trạng thái / Status'.padEnd(34)} ${'Hết hạn / Expires'.padEnd(20)} Chủ thể / Subject`,
  )
  for (const c of answer.certificates) {
    const status = c.revokedAt
      ? `thu hồi / revoked (${c.revocationReason ?? 'unspecified'})`
      : Date.parse(c.notAfter) < Date.now()
        ? 'hết hạn / expired'
        : 'hiệu lực / good'
    io.out(
      `${c.serialNumber.padEnd(34)} ${c.profile.padEnd(14)} ${status.padEnd(34)} ${c.notAfter.slice(0, 19).padEnd(20)} ${c.subject}`,
    )
  }
  return 0
}

function simBaseUrl(): URL {
  const raw = process.env.SIM_BASE_URL ?? DEFAULT_SIM_BASE_URL
  try {
    const url = new URL(raw)
    if (url.protocol === 'http:' || url.protocol === 'https:') return url
  } catch {
    // reported below
  }
  throw new UsageError(`SIM_BASE_URL must be an http(s) URL, not "${raw}"`)
}

/** One admin API call; prints why and returns undefined when the simulator refuses or cannot be reached. */
async function call<T>(io: Io, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T | undefined> {
  const base = simBaseUrl()
  const url = new URL(path.replace(/^\//, ''), base.href.endsWith('/') ? base : `${base.href}/`)
  let response: Response
  try {
    response = await fetch(url, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    })
  } catch (e) {
    const reason = (e as Error & { cause?: Error }).cause?.message ?? (e as Error).message
    io.err(`Không kết nối được dịch vụ mô phỏng / cannot reach the simulator at ${base.origin}: ${reason}`)
    return undefined
  }
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  if (response.ok && json !== undefined) return json as T
  const problem = (json ?? {}) as { code?: string; messages?: { vi?: string; en?: string } }
  io.err(`Bị từ chối / Refused: HTTP ${response.status}${problem.code ? ` ${problem.code}` : ''}`)
  if (problem.messages?.vi) io.err(`  ${problem.messages.vi}`)
  if (problem.messages?.en) io.err(`  ${problem.messages.en}`)
  if (!problem.messages) io.err(`  ${text.slice(0, 300)}`)
  return undefined
}
