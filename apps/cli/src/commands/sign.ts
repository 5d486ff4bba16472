// `elc sign IN.pdf OUT.pdf (--p12 FILE | --remote SERIAL --cert CERT.pem) [--field F] [--name N]
// [--reason R] [--visible PAGE|last:X1,Y1,X2,Y2] [--tsa URL|none] [--certify [--trust ROOT.pem]]`:
// a PAdES signature with a local PKCS#12 or through the CA's remote signing, timestamped (B-T) unless
// --tsa none; --certify adds the provider's certification (DSS and document timestamp, B-LTA).
import { readFile, writeFile } from 'node:fs/promises'
import type { Lang } from '@elc/core'
import {
  type CmsSigner,
  certifyPdf,
  httpTimestampAuthority,
  loadPkcs12,
  localKeySigner,
  RevocationChecker,
  remoteSigner,
  signPdf,
  TrustStore,
  type VisibleSignature,
} from '@elc/pki'
import { UsageError } from '../cli-error.ts'
import type { Io } from '../output.ts'
import { DEFAULT_SIM_BASE_URL } from './sim.ts'

export interface SignArgs {
  input: string | undefined
  output: string | undefined
  p12: string | undefined
  passwordEnv: string | undefined
  remote: string | undefined
  cert: string | undefined
  field: string | undefined
  name: string | undefined
  reason: string | undefined
  visible: string | undefined
  tsa: string | undefined
  certify: boolean
  trust: string[]
  lang: Lang
}

export async function signCommand(args: SignArgs, io: Io): Promise<number> {
  if (!args.input || !args.output || (!args.p12 && !args.remote))
    throw new UsageError('elc sign IN.pdf OUT.pdf (--p12 FILE | --remote SERIAL --cert CERT.pem) [options]')
  const sim = process.env.SIM_BASE_URL ?? DEFAULT_SIM_BASE_URL
  const signer = args.p12 ? await pkcs12Signer(args) : await remote(args, sim)
  const tsaUrl = args.tsa ?? `${sim}/tsa`
  const tsa = tsaUrl === 'none' ? undefined : httpTimestampAuthority({ url: tsaUrl })
  let pdf: Uint8Array = await readFile(args.input)
  pdf = await signPdf(pdf, signer, {
    ...(tsa ? { tsa } : {}),
    ...(args.field ? { fieldName: args.field } : {}),
    ...(args.name ? { signerName: args.name } : {}),
    ...(args.reason ? { reason: args.reason } : {}),
    ...(args.visible ? { visible: parseVisible(args.visible) } : {}),
  })
  if (args.certify) {
    if (!tsa) throw new UsageError('--certify needs a TSA (not --tsa none)')
    const trust = args.trust.length
      ? await TrustStore.fromFiles(args.trust)
      : await TrustStore.fromUrls([`${sim}/ca/neac-root.crt`])
    pdf = await certifyPdf(pdf, { trust, revocation: new RevocationChecker(), tsa })
  }
  await writeFile(args.output, pdf)
  io.out(args.lang === 'vi' ? `Đã ký: ${args.output}` : `Signed: ${args.output}`)
  return 0
}

async function pkcs12Signer(args: SignArgs): Promise<CmsSigner> {
  const password = args.passwordEnv ? process.env[args.passwordEnv] : ''
  if (password === undefined) throw new UsageError(`--password-env: ${args.passwordEnv} is not set`)
  const p12 = await loadPkcs12(await readFile(args.p12 as string), password)
  return localKeySigner(p12.privateKey, p12.certificate, p12.chain)
}

async function remote(args: SignArgs, baseUrl: string): Promise<CmsSigner> {
  if (!args.cert)
    throw new UsageError('--remote needs --cert CERT.pem (the chain may follow in the same file)')
  const pem = await readFile(args.cert, 'utf8')
  const ders = [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map(
    (m) => new Uint8Array(Buffer.from((m[1] as string).replace(/\s+/g, ''), 'base64')),
  )
  const [certificate, ...chain] = ders
  if (!certificate) throw new UsageError(`${args.cert}: no certificate`)
  return remoteSigner({
    baseUrl,
    serialNumber: args.remote as string,
    certificate,
    chain,
    timeoutMs: 300_000,
  })
}

function parseVisible(value: string): VisibleSignature {
  const m = /^(last|[1-9]\d*):(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(value)
  if (!m) throw new UsageError('--visible PAGE:X1,Y1,X2,Y2 (PAGE from 1, or "last"; points)')
  const page = m[1] === 'last' ? -1 : Number(m[1]) - 1
  return { page, rect: [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])] }
}
