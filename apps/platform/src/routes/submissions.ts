// The provider API for submissions (R1.24–R1.32) and the public check of a contract ID (GET /v1/verify).
import { ElcError, text } from '@elc/core'
import type { Ledger } from '@elc/ledger'
import type { Access } from '@elc/web-auth'
import type { FastifyInstance } from 'fastify'
import type { DecisionWorker } from '../jobs/decide-submissions.ts'
import type { PlatformMetrics } from '../metrics/index.ts'
import type { SubmissionsService } from '../submissions/index.ts'
import { PUBLIC } from './access-rules.ts'

const WRITE = { config: { access: { provider: ['submissions:write'] } satisfies Access } } as const
const READ = { config: { access: { provider: ['submissions:read'] } satisfies Access } } as const

export function submissionRoutes(
  app: FastifyInstance,
  deps: {
    service: SubmissionsService
    worker: DecisionWorker
    ledger: Ledger
    maxPdfBytes: number
    metrics: PlatformMetrics
  },
): void {
  app.post<{ Body: { kind?: unknown; parentContractId?: unknown; data?: unknown; pdf?: unknown } }>(
    '/v1/submissions',
    { ...WRITE, bodyLimit: Math.ceil(deps.maxPdfBytes * 1.4) + 1_048_576 },
    async (request, reply) => {
      const key = request.headers['idempotency-key']
      if (typeof key !== 'string' || key.length < 8 || key.length > 200)
        throw invalid(
          'SUBMISSION_IDEMPOTENCY_KEY_MISSING',
          'Cần tiêu đề Idempotency-Key (8–200 ký tự).',
          'An Idempotency-Key header (8–200 characters) is required.',
        )
      const body = request.body ?? {}
      if (typeof body.pdf !== 'string')
        throw invalid('SUBMISSION_PDF_MISSING', 'Thiếu tệp PDF (base64).', 'The PDF (base64) is missing.')
      const pdf = Buffer.from(body.pdf, 'base64')
      if (pdf.length > deps.maxPdfBytes)
        throw new ElcError(
          'SUBMISSION_PDF_TOO_LARGE',
          text('Tệp PDF vượt quá dung lượng cho phép.', 'The PDF is larger than allowed.'),
          { status: 413 },
        )
      if (!pdf.subarray(0, 1024).includes('%PDF-'))
        throw invalid('SUBMISSION_NOT_A_PDF', 'Tệp gửi lên không phải PDF.', 'The file is not a PDF.')
      const { view, replayed } = await deps.service.accept({
        providerId: (request.provider as NonNullable<typeof request.provider>).providerId,
        idempotencyKey: key,
        kind: String(body.kind ?? ''),
        ...(typeof body.parentContractId === 'string' ? { parentContractId: body.parentContractId } : {}),
        data: body.data,
        pdf,
      })
      if (!replayed) {
        deps.metrics.submissionsAccepted.inc({ kind: view.kind })
        deps.worker.kick()
      }
      return reply
        .code(replayed && view.status === 'decided' ? 200 : 202)
        .header('location', `/v1/submissions/${view.id}`)
        .send(view)
    },
  )

  app.get<{ Params: { id: string } }>('/v1/submissions/:id', READ, async (request) => {
    const view = await deps.service.view(
      (request.provider as NonNullable<typeof request.provider>).providerId,
      request.params.id,
    )
    if (!view) throw notFound()
    return view
  })

  // The decision's ledger receipt: the entry, its inclusion proof and the signed checkpoint, checkable offline.
  app.get<{ Params: { id: string } }>('/v1/submissions/:id/receipt', READ, async (request, reply) => {
    const view = await deps.service.view(
      (request.provider as NonNullable<typeof request.provider>).providerId,
      request.params.id,
    )
    if (!view) throw notFound()
    if (view.ledgerIndex === undefined) return reply.code(202).send({ status: view.status })
    await deps.ledger.publishCheckpoint()
    return { submission: view, receipt: await deps.ledger.receipt(view.ledgerIndex) }
  })

  app.get<{ Querystring: { contractId?: string; sha256?: string } }>(
    '/v1/verify',
    PUBLIC,
    async (request) => {
      const { contractId, sha256 } = request.query
      if (!contractId)
        throw invalid('VERIFY_CONTRACT_ID_MISSING', 'Cần contractId.', 'contractId is required.')
      const found = await deps.service.verify(contractId, sha256)
      if (!found)
        throw new ElcError(
          'CONTRACT_NOT_FOUND',
          text('Không có hợp đồng với mã định danh này.', 'No contract has this ID.'),
          { status: 404 },
        )
      return found
    },
  )
}

function invalid(code: string, vi: string, en: string): ElcError {
  return new ElcError(code, text(vi, en))
}

function notFound(): ElcError {
  return new ElcError('SUBMISSION_NOT_FOUND', text('Không tìm thấy hồ sơ gửi.', 'No such submission.'), {
    status: 404,
  })
}
