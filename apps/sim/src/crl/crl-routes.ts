// RFC 2585 publication: each CA's certificate at its AIA caIssuers URL and its CRL at its CDP URL.
import { ElcError, text } from '@elc/core'
import type { FastifyInstance } from 'fastify'
import type { SimCertificateAuthority } from '../ca/certificate-authority.ts'

function fileId(file: string, extension: string): string {
  if (!file.endsWith(extension))
    throw new ElcError('NOT_FOUND', text(`Không tìm thấy ${file}.`, `${file} was not found.`), {
      status: 404,
    })
  return file.slice(0, -extension.length)
}

export async function crlRoutes(scope: FastifyInstance, ca: SimCertificateAuthority): Promise<void> {
  scope.get<{ Params: { file: string } }>('/ca/:file', async (request, reply) => {
    const issuer = ca.authority(fileId(request.params.file, '.crt'))
    return reply
      .type('application/pkix-cert')
      .header('cache-control', 'public, max-age=3600')
      .send(Buffer.from(issuer.der))
  })

  scope.get<{ Params: { file: string } }>('/crl/:file', async (request, reply) => {
    const der = await ca.crl(fileId(request.params.file, '.crl'))
    // Caches may keep it until a revocation; short max-age so a new CRL is seen quickly.
    return reply
      .type('application/pkix-crl')
      .header('cache-control', 'public, max-age=60')
      .send(Buffer.from(der))
  })
}
