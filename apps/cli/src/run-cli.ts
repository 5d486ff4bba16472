// Parses the command line and runs one verb. Returns the exit status; never lets a stack trace reach the user.
import { parseArgs } from 'node:util'
import { ElcError, type Lang } from '@elc/core'
import { UsageError } from './cli-error.ts'
import { benchCommand } from './commands/bench.ts'
import { holidaysCommand, workingDaysCommand } from './commands/calendar.ts'
import { idCheckCommand, idNewCommand } from './commands/id.ts'
import {
  ledgerKeygen,
  ledgerMonitor,
  ledgerVerifyConsistency,
  ledgerVerifyInclusion,
  ledgerWitness,
} from './commands/ledger.ts'
import { rulesCommand } from './commands/rules.ts'
import { signCommand } from './commands/sign.ts'
import { simIssueCommand, simListCommand, simRevokeCommand } from './commands/sim.ts'
import { simStartCommand, startCommand } from './commands/start.ts'
import { validateCommand } from './commands/validate.ts'
import { verifyCommand } from './commands/verify.ts'
import type { Io } from './output.ts'

export const USAGE = `elc — hệ thống hợp đồng lao động điện tử / electronic labor contracts

  elc start                                  khởi động hệ thống / start the system (simulator + Platform)
  elc sim start                              chỉ chạy dịch vụ mô phỏng / the national services simulator alone
  elc sim issue --profile person --name NAME --personal-id ID [--key ecdsa-p256|rsa-pss-2048] [--out DIR]
  elc sim issue --profile organisation --name NAME --tax-code MST [--key …] [--issuer CA] [--out DIR]
                                             cấp chứng thư số mô phỏng / issue a simulator certificate
  elc sim revoke SERIAL [--reason keyCompromise|…]
                                             thu hồi chứng thư số / revoke a certificate
  elc sim list [--issuer CA] [--json]        liệt kê chứng thư số / list certificates
                                             (dịch vụ tại / simulator at SIM_BASE_URL, http://127.0.0.1:8081)
  elc verify FILE.pdf [--trust ROOT.pem] [--offline] [--json] [--lang vi|en]
                                             kiểm tra chữ ký số PDF / verify a signed PDF (TT 15/2025)
                                             (exit 0 hợp lệ/valid, 1 không hợp lệ/invalid, 2 chưa xác định/indeterminate, 3 không phải PDF)
  elc sign IN.pdf OUT.pdf --p12 FILE [--password-env VAR] | --remote SERIAL --cert CERT.pem
           [--field F] [--name N] [--reason R] [--visible PAGE|last:X1,Y1,X2,Y2] [--tsa URL|none] [--certify]
                                             ký PAdES / sign (B-T; --certify: DSS + dấu thời gian tài liệu, B-LTA)
  elc validate FILE.json [--lang vi|en] [--json]
                                             kiểm tra hợp đồng / validate a contract or lifecycle document
  elc id new --type A|B|C                    tạo mã định danh / new contract ID
  elc id check ID                            kiểm tra mã định danh / check a contract ID
  elc calendar working-days YYYY-MM-DD N     ngày làm việc thứ N sau ngày / Nth working day after a date
  elc calendar holidays YYYY                 ngày lễ, Tết / public holidays of a year
  elc rules [--json]                         các quy tắc kiểm tra / the validation rules
  elc bench [--seconds N] [--contracts N]     đo hiệu năng / benchmarks (npm run bench)
  elc ledger verify-inclusion RECEIPT.json --key VKEY
                                             kiểm tra biên nhận sổ cái / check a ledger receipt offline
  elc ledger verify-consistency OLD NEW PROOF --key VKEY
                                             kiểm tra tính nhất quán / check a consistency proof offline
  elc ledger monitor URL --key VKEY [--state FILE] [--interval S] [--once]
                                             giám sát sổ cái / follow and audit the log (exit 3 on alarm)
  elc ledger keygen NAME [--witness]         tạo khóa ký / new checkpoint (or witness) signing key
  elc ledger witness --name N --key WSKEY --log ORIGIN=VKEY --state FILE [--port P]
                                             chạy nhân chứng đồng ký / run a cosigning witness

Exit status: 0 ok, 1 the document or proof is invalid, 2 bad input or usage, 3 ledger alarm.`

export interface CliContext {
  io: Io
  now: () => Date
}

export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const { io } = ctx
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        lang: { type: 'string', default: 'vi' },
        json: { type: 'boolean', default: false },
        type: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        key: { type: 'string' },
        state: { type: 'string' },
        interval: { type: 'string' },
        once: { type: 'boolean', default: false },
        seconds: { type: 'string' },
        contracts: { type: 'string' },
        witness: { type: 'boolean', default: false },
        name: { type: 'string' },
        log: { type: 'string', multiple: true },
        port: { type: 'string' },
        host: { type: 'string' },
        profile: { type: 'string' },
        'personal-id': { type: 'string' },
        'tax-code': { type: 'string' },
        issuer: { type: 'string' },
        out: { type: 'string' },
        reason: { type: 'string' },
        trust: { type: 'string', multiple: true },
        offline: { type: 'boolean', default: false },
        p12: { type: 'string' },
        'password-env': { type: 'string' },
        remote: { type: 'string' },
        cert: { type: 'string' },
        field: { type: 'string' },
        visible: { type: 'string' },
        tsa: { type: 'string' },
        certify: { type: 'boolean', default: false },
      },
    })
    if (values.lang !== 'vi' && values.lang !== 'en') throw new UsageError('--lang vi|en')
    const lang = values.lang as Lang
    const [verb, sub, ...rest] = positionals
    if (values.help || !verb) {
      io.out(USAGE)
      return values.help ? 0 : 2
    }
    switch (verb) {
      case 'verify':
        if (!sub || rest.length > 0)
          throw new UsageError('elc verify FILE.pdf [--trust ROOT.pem] [--offline] [--json] [--lang vi|en]')
        return await verifyCommand(
          { file: sub, trust: values.trust ?? [], offline: values.offline, json: values.json, lang },
          io,
        )
      case 'sign':
        return await signCommand(
          {
            input: sub,
            output: rest[0],
            p12: values.p12,
            passwordEnv: values['password-env'],
            remote: values.remote,
            cert: values.cert,
            field: values.field,
            name: values.name,
            reason: values.reason,
            visible: values.visible,
            tsa: values.tsa,
            certify: values.certify,
            trust: values.trust ?? [],
            lang,
          },
          io,
        )
      case 'validate':
        if (!sub || rest.length > 0) throw new UsageError('elc validate FILE.json [--lang vi|en] [--json]')
        return await validateCommand({ file: sub, lang, json: values.json }, io)
      case 'id':
        if (sub === 'new') return idNewCommand({ type: values.type, now: ctx.now() }, io)
        if (sub === 'check') return idCheckCommand({ id: rest[0], lang, now: ctx.now() }, io)
        throw new UsageError('elc id new --type A|B|C | elc id check ID')
      case 'calendar':
        if (sub === 'working-days') return workingDaysCommand({ from: rest[0], n: rest[1] }, io)
        if (sub === 'holidays') return holidaysCommand({ year: rest[0], lang }, io)
        throw new UsageError('elc calendar working-days YYYY-MM-DD N | elc calendar holidays YYYY')
      case 'ledger':
        if (sub === 'verify-inclusion')
          return await ledgerVerifyInclusion({ file: rest[0], key: values.key }, io)
        if (sub === 'verify-consistency')
          return await ledgerVerifyConsistency(
            { oldFile: rest[0], newFile: rest[1], proofFile: rest[2], key: values.key },
            io,
          )
        if (sub === 'monitor')
          return await ledgerMonitor(
            {
              url: rest[0],
              key: values.key,
              state: values.state,
              interval: values.interval,
              once: values.once,
            },
            io,
          )
        if (sub === 'keygen') return ledgerKeygen({ name: rest[0], witness: values.witness }, io)
        if (sub === 'witness')
          return await ledgerWitness(
            {
              name: values.name,
              key: values.key,
              logs: values.log ?? [],
              state: values.state,
              port: values.port,
              host: values.host,
            },
            io,
          )
        throw new UsageError('elc ledger verify-inclusion | verify-consistency | monitor | keygen | witness')
      case 'bench':
        return await benchCommand({ seconds: values.seconds, contracts: values.contracts }, io)
      case 'rules':
        return rulesCommand({ lang, json: values.json }, io)
      case 'sim':
        if (sub === 'start') return await simStartCommand(io)
        if (sub === 'issue') {
          if (rest.length > 0) throw new UsageError(`unexpected "${rest[0]}"; see elc --help`)
          return await simIssueCommand(
            {
              profile: values.profile,
              name: values.name,
              personalId: values['personal-id'],
              taxCode: values['tax-code'],
              key: values.key,
              issuer: values.issuer,
              out: values.out,
            },
            io,
          )
        }
        if (sub === 'revoke') {
          if (rest.length > 1) throw new UsageError('elc sim revoke SERIAL [--reason REASON]')
          return await simRevokeCommand({ serial: rest[0], reason: values.reason, json: values.json }, io)
        }
        if (sub === 'list') {
          if (rest.length > 0) throw new UsageError('elc sim list [--issuer CA] [--json]')
          return await simListCommand({ issuer: values.issuer, json: values.json }, io)
        }
        throw new UsageError('elc sim start | issue | revoke | list')
      case 'start':
        return await startCommand(io)
      default:
        throw new UsageError(`unknown command "${verb}"\n\n${USAGE}`)
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message)
      return e.exitCode
    }
    if (e instanceof TypeError && (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${e.message}\n\n${USAGE}`)
      return 2
    }
    // A refusal with a reason (wrong password, service down, bad certificate): both languages, exit 1.
    if (e instanceof ElcError) {
      io.err(`${e.code}: ${e.text.vi}\n${e.text.en}`)
      return 1
    }
    throw e
  }
}
