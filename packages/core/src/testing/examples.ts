// The example documents under examples/ as test fixtures: deep copies, so each test may change its own.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples/', import.meta.url))

// biome-ignore lint/suspicious/noExplicitAny: fixtures are mutated freely into invalid shapes
export function example(name: string): any {
  return JSON.parse(readFileSync(`${EXAMPLES_DIR}${name}`, 'utf8'))
}
