// Admin API of the CA simulator (issue, revoke, list) plus the public RFC 2585 routes for CA
// certificates and CRLs. Registered as its own scope, so its problem+json handler stays local.

import { answerProblems } from '@elc/http'
import type { FastifyInstance } from 'fastify'
import { crlRoutes } from '../crl/crl-routes.ts'
import type { CertificateRecord, SimCertificateAuthority } from './certificate-authority.ts'
import { parseIssueRequest, parseRevokeRequest } from './issue-request.ts'

export async function caAdminRoutes(app: FastifyInstance, ca: SimCertificateAuthority): Promise<void> {
  await app.register(async (scope) => {
    answerProblems(scope)

    scope.post('/admin/ca/certificates', async (request, reply) => {
      const issued = await ca.issue(parseIssueRequest(request.body))
      return reply.code(201).send({
        serialNumber: issued.serialNumber,
        issuerId: issued.issuerId,
        profile: issued.profile,
        subject: issued.certificate.subject,
        notBefore: issued.certificate.notBefore.toISOString(),
        notAfter: issued.certificate.notAfter.toISOString(),
        certificatePem: issued.certificatePem,
        // The CA generated the key (remote signing, R2.36); a real CA would never hand it out like this.
        privateKeyPem: issued.privateKeyPem,
        chainPem: issued.chain.map((cert) => cert.toString('pem')),
      })
    })

    scope.post<{ Params: { serial: string } }>('/admin/ca/certificates/:serial/revoke', async (request) => {
      const { reason, revokedAt } = parseRevokeRequest(request.body)
      return recordJson(await ca.revoke(request.params.serial, reason, revokedAt))
    })

    scope.get<{ Querystring: { issuerId?: string; limit?: string } }>(
      '/admin/ca/certificates',
      async (request) => {
        const limit = Math.min(Math.max(Number(request.query.limit ?? 100) || 100, 1), 1000)
        const records = await ca.list({
          ...(request.query.issuerId ? { issuerId: request.query.issuerId } : {}),
          limit,
        })
        return { certificates: records.map(recordJson) }
      },
    )

    scope.get('/admin/ca/authorities', async () => ({
      authorities: ca.authorities().map((issuer) => ({
        id: issuer.id,
        parentId: issuer.parentId ?? null,
        keyAlgorithm: issuer.keyAlgorithm,
        subject: issuer.certificate.subject,
        certificatePem: issuer.certificate.toString('pem'),
      })),
    }))

    await crlRoutes(scope, ca)
  })
}

function recordJson(record: CertificateRecord) {
  return {
    ...record,
    notBefore: record.notBefore.toISOString(),
    notAfter: record.notAfter.toISOString(),
    issuedAt: record.issuedAt.toISOString(),
    revokedAt: record.revokedAt?.toISOString() ?? null,
  }
}
