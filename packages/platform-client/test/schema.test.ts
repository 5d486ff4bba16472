// The committed types are exactly what the generator makes from the Platform's current document: a route or
// schema changed without `npx tsx packages/platform-client/scripts/generate.ts` fails here.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderSchema, SCHEMA_FILE } from '../scripts/generate.ts'

describe('generated schema.ts', () => {
  it('matches a fresh generation from the OpenAPI document', async () => {
    expect(await renderSchema()).toBe(readFileSync(SCHEMA_FILE, 'utf8'))
  })
})
