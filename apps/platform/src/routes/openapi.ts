import type { FastifyInstance } from 'fastify'
import { openApiDocument } from '../openapi/document.ts'

export function openApiRoutes(app: FastifyInstance, version: string): void {
  const document = openApiDocument(version)
  app.get('/openapi.json', async () => document)
}
