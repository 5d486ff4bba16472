// HTTP face of remote signing (R2.34, R2.36): the relying application posts a digest and polls (or names a
// callbackUrl); the subscriber's app approves with the one-time code or rejects. Its own scope, so
// problem+json stays local.
import { ElcError, text } from '@elc/core'
import { answerProblems } from '@elc/http'
import type { FastifyInstance } from 'fastify'
import { batchJson, MAX_BATCH_DIGESTS } from './remote-signing-batches.ts'
import {
  DIGEST_ALGORITHMS,
  type DigestAlgorithm,
  type RemoteSigningService,
  statusJson,
} from './remote-signing-service.ts'

export async function remoteSigningRoutes(
  app: FastifyInstance,
  service: RemoteSigningService,
): Promise<void> {
  // Shutting down stops callback retries before the caller closes the database.
  app.addHook('onClose', () => service.close())
  await service.batches.ready()
  await app.register(async (scope) => {
    answerProblems(scope)

    scope.post('/remote-signing/requests', async (request, reply) => {
      const body = objectBody(request.body)
      const digestAlgorithm = body.digestAlgorithm
      if (
        typeof digestAlgorithm !== 'string' ||
        !(DIGEST_ALGORITHMS as readonly string[]).includes(digestAlgorithm)
      )
        throw invalid(
          'REMOTE_SIGNING_DIGEST_ALGORITHM_INVALID',
          'digestAlgorithm phải là SHA-256, SHA-384 hoặc SHA-512.',
          'digestAlgorithm must be SHA-256, SHA-384 or SHA-512.',
        )
      if (typeof body.serialNumber !== 'string')
        throw invalid('REMOTE_SIGNING_SERIAL_INVALID', 'Thiếu serialNumber.', 'serialNumber is required.')
      if (typeof body.description !== 'string')
        throw invalid('REMOTE_SIGNING_DESCRIPTION_INVALID', 'Thiếu description.', 'description is required.')
      if (body.callbackUrl !== undefined && typeof body.callbackUrl !== 'string')
        throw invalid(
          'REMOTE_SIGNING_CALLBACK_URL_INVALID',
          'callbackUrl phải là chuỗi URL.',
          'callbackUrl must be a URL string.',
        )
      const created = await service.requestSignature({
        serialNumber: body.serialNumber,
        digest: base64Field(body.digest, 'digest'),
        digestAlgorithm: digestAlgorithm as DigestAlgorithm,
        description: body.description,
        ...(typeof body.callbackUrl === 'string' ? { callbackUrl: body.callbackUrl } : {}),
      })
      return reply.code(201).send({
        requestId: created.requestId,
        status: created.status,
        expiresAt: created.expiresAt.toISOString(),
        // Simulates the SMS / phone-app delivery of the code to the subscriber.
        ...(created.otp ? { otp: created.otp } : {}),
      })
    })

    scope.get<{ Params: { id: string } }>('/remote-signing/requests/:id', async (request) =>
      statusJson(await service.status(request.params.id)),
    )

    scope.post<{ Params: { id: string } }>('/remote-signing/requests/:id/approve', async (request) => {
      const { otp } = objectBody(request.body)
      if (typeof otp !== 'string')
        throw invalid(
          'REMOTE_SIGNING_OTP_MISSING',
          'Thiếu mã xác thực (otp).',
          'The one-time code (otp) is required.',
        )
      return statusJson(await service.approve(request.params.id, otp))
    })

    // One request for many digests, approved with one code (an employer's round of contracts).
    scope.post('/remote-signing/batches', { bodyLimit: 4 * 1024 * 1024 }, async (request, reply) => {
      const body = objectBody(request.body)
      const digestAlgorithm = body.digestAlgorithm
      if (
        typeof digestAlgorithm !== 'string' ||
        !(DIGEST_ALGORITHMS as readonly string[]).includes(digestAlgorithm)
      )
        throw invalid(
          'REMOTE_SIGNING_DIGEST_ALGORITHM_INVALID',
          'digestAlgorithm phải là SHA-256, SHA-384 hoặc SHA-512.',
          'digestAlgorithm must be SHA-256, SHA-384 or SHA-512.',
        )
      if (typeof body.serialNumber !== 'string')
        throw invalid('REMOTE_SIGNING_SERIAL_INVALID', 'Thiếu serialNumber.', 'serialNumber is required.')
      if (typeof body.description !== 'string')
        throw invalid('REMOTE_SIGNING_DESCRIPTION_INVALID', 'Thiếu description.', 'description is required.')
      if (
        !Array.isArray(body.digests) ||
        body.digests.length === 0 ||
        body.digests.length > MAX_BATCH_DIGESTS
      )
        throw invalid(
          'REMOTE_SIGNING_BATCH_SIZE_INVALID',
          `digests phải là mảng từ 1 đến ${MAX_BATCH_DIGESTS} chuỗi base64.`,
          `digests must be an array of 1 to ${MAX_BATCH_DIGESTS} base64 strings.`,
        )
      const created = await service.batches.request({
        serialNumber: body.serialNumber,
        digestAlgorithm: digestAlgorithm as DigestAlgorithm,
        digests: body.digests.map((d) => base64Field(d, 'digests[]')),
        description: body.description,
      })
      return reply.code(201).send({
        batchId: created.batchId,
        status: created.status,
        count: created.count,
        expiresAt: created.expiresAt.toISOString(),
        ...(created.otp ? { otp: created.otp } : {}),
      })
    })

    scope.get<{ Params: { id: string } }>('/remote-signing/batches/:id', async (request) =>
      batchJson(await service.batches.status(request.params.id)),
    )

    scope.post<{ Params: { id: string } }>('/remote-signing/batches/:id/approve', async (request) => {
      const { otp } = objectBody(request.body)
      if (typeof otp !== 'string')
        throw invalid(
          'REMOTE_SIGNING_OTP_MISSING',
          'Thiếu mã xác thực (otp).',
          'The one-time code (otp) is required.',
        )
      return batchJson(await service.batches.approve(request.params.id, otp))
    })

    scope.post<{ Params: { id: string } }>('/remote-signing/batches/:id/reject', async (request) =>
      batchJson(await service.batches.reject(request.params.id)),
    )

    scope.post<{ Params: { id: string } }>('/remote-signing/requests/:id/reject', async (request) =>
      statusJson(await service.reject(request.params.id)),
    )
  })
}

function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalid(
      'REQUEST_INVALID',
      'Nội dung phải là một đối tượng JSON.',
      'The body must be a JSON object.',
    )
  return body as Record<string, unknown>
}

function base64Field(value: unknown, name: string): Uint8Array {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0)
    throw invalid(
      'REMOTE_SIGNING_DIGEST_INVALID',
      `${name} phải là chuỗi base64.`,
      `${name} must be a base64 string.`,
    )
  return new Uint8Array(Buffer.from(value, 'base64'))
}

function invalid(code: string, vi: string, en: string): ElcError {
  return new ElcError(code, text(vi, en), { status: 400 })
}
