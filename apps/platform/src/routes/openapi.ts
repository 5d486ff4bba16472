import type { FastifyInstance } from 'fastify'
import { openApiDocument } from '../openapi/document.ts'
import { PUBLIC } from './access-rules.ts'

export function openApiRoutes(app: FastifyInstance, version: string): void {
  const document = openApiDocument(version)
  app.get('/openapi.json', PUBLIC, async () => document)
}
