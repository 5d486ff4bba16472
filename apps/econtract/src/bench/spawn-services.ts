// Starts the simulator and the Platform as children (`node --import tsx`), each on its own core's worth
// of scheduling, and hands back what the benchmark needs of them.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { httpTimestampAuthority, type TimestampAuthority } from '@elc/pki'
import type { JWK } from 'jose'

export interface SimProcess {
  baseUrl: string
  rootDer: Uint8Array
  tsa: TimestampAuthority
  close(): Promise<void>
}

export interface PlatformProcess {
  baseUrl: string
  providerId: string
  privateJwk: JWK
  audience: string
  close(): Promise<void>
}

export async function spawnSim(options: { autoApprove: boolean }): Promise<SimProcess> {
  const { first, close } = await child('sim-process.ts', options.autoApprove ? ['--auto-approve'] : [], {})
  const { baseUrl, rootDer } = first as { baseUrl: string; rootDer: string }
  return {
    baseUrl,
    rootDer: new Uint8Array(Buffer.from(rootDer, 'base64')),
    tsa: httpTimestampAuthority({ url: `${baseUrl}/tsa` }),
    close,
  }
}

export async function spawnPlatform(options: {
  rootDer: Uint8Array
  databaseUrl?: string
}): Promise<PlatformProcess> {
  const { first, close } = await child(
    'platform-process.ts',
    [Buffer.from(options.rootDer).toString('base64')],
    {
      BENCH_DATABASE_URL: options.databaseUrl ?? '',
    },
  )
  return { ...(first as Omit<PlatformProcess, 'close'>), close }
}

async function child(
  name: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ first: unknown; close(): Promise<void> }> {
  const script = fileURLToPath(new URL(`./${name}`, import.meta.url))
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  })
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout }).once('line', resolve)
    proc.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it listened`)))
  })
  return {
    first: JSON.parse(line),
    async close() {
      proc.stdin.end()
      await exited
    },
  }
}
