// Test helpers: temp files and the openssl command line, the checker nobody here wrote.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as x509 from './x509.ts'

export const TEST_URLS = { baseUrl: 'http://sim.test:4100' }

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'elc-sim-ca-'))
}

export function writePem(
  dir: string,
  name: string,
  certs: x509.X509Certificate | x509.X509Certificate[],
): string {
  const path = join(dir, name)
  writeFileSync(path, (Array.isArray(certs) ? certs : [certs]).map((c) => c.toString('pem')).join('\n'))
  return path
}

export function writeBytes(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

/** Runs openssl; returns exit status and combined output instead of throwing. */
export function openssl(...args: string[]): { status: number; output: string } {
  const result = spawnSync('openssl', args, { encoding: 'utf8' })
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` }
}

export function certificateText(path: string): string {
  return execFileSync('openssl', ['x509', '-in', path, '-noout', '-text'], { encoding: 'utf8' })
}
