// The Platform sends each new checkpoint to its witnesses and serves the cosigned checkpoint.

import { mkdtempSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeEachDatabase } from '@elc/db/testing'
import {
  createWitness,
  generateNoteKey,
  generateWitnessKey,
  openCheckpoint,
  parseVerifierKey,
  parseWitnessVerifierKey,
  verifyCosignature,
} from '@elc/ledger'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildPlatform } from '../src/app.ts'
import { openPlatformLedger, type PlatformLedger } from '../src/ledger/open-ledger.ts'

const ORIGIN = 'nentang-hdld.test/ledger'
const LOG_KEY = generateNoteKey('nentang-hdld.test')
const WITNESS_KEY = generateWitnessKey('so-noi-vu.ha-noi.test')

describeEachDatabase('Platform ledger with a witness', (ctx) => {
  let witness: Server
  let ledger: PlatformLedger
  let app: Awaited<ReturnType<typeof buildPlatform>>
  let base: string

  beforeAll(async () => {
    witness = createWitness({
      name: 'so-noi-vu.ha-noi.test',
      signerKey: WITNESS_KEY.signerKey,
      logs: [{ origin: ORIGIN, verifierKey: LOG_KEY.verifierKey }],
      stateFile: join(mkdtempSync(join(tmpdir(), 'elc-witness-')), 'state.json'),
    })
    await new Promise<void>((r) => witness.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(witness.address() as AddressInfo).port}`
    const database = { db: ctx.db(), kind: ctx.kind }
    ledger = await openPlatformLedger(database, {
      origin: ORIGIN,
      signerKey: LOG_KEY.signerKey,
      keyFile: '/nonexistent',
      witnesses: [{ name: 'so-noi-vu.ha-noi.test', url, verifierKey: WITNESS_KEY.verifierKey }],
      cosignIntervalMs: 50,
    })
    app = await buildPlatform({ database, ledger })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
  })

  afterAll(async () => {
    await app.close()
    await ledger.close()
    await new Promise((r) => witness.close(r))
  })

  it('serves checkpoints cosigned by the witness, round after round', async () => {
    for (const round of [1, 2]) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          ledger.ledger.append({
            type: 'contract_id.issued',
            at: new Date().toISOString(),
            data: { round, i },
          }),
        ),
      )
      const published = await ledger.ledger.publishCheckpoint()
      // The loop notices the new checkpoint within its interval; wait for the cosignature to be stored.
      let note = ''
      for (let tries = 0; tries < 100 && !note.includes('so-noi-vu.ha-noi.test'); tries++) {
        await new Promise((r) => setTimeout(r, 50))
        note = await (await fetch(`${base}/ledger/checkpoint`)).text()
      }
      expect(openCheckpoint(note, [parseVerifierKey(LOG_KEY.verifierKey)]).checkpoint.size).toBe(
        BigInt(published?.size as number),
      )
      const cosigned = verifyCosignature(note, parseWitnessVerifierKey(WITNESS_KEY.verifierKey))
      expect(cosigned.name).toBe('so-noi-vu.ha-noi.test')
    }
  })
})
