// TSTInfo serials from the database: unique and increasing across a real restart (a file-backed
// database closed and opened again), across processes sharing the database, and under concurrency.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createDatabase, migrateToLatest } from '@elc/db'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { beforeAll, describe, expect, it } from 'vitest'
import { caMigrations } from '../ca/migrations.ts'
import type { SimCaDatabase } from '../ca/schema.ts'
import { tempDir } from '../ca/test-support.ts'
import { systemClock } from '../ocsp/signer.ts'
import { buildTestPki, type TestPki } from '../ocsp/testing/test-pki.ts'
import { persistentSerial } from './serial.ts'
import { createTsaService } from './tsa-service.ts'

const POLICY = '1.2.3.4.5.3161'
const FROZEN = new Date('2026-11-23T03:00:00Z')
let pki: TestPki

beforeAll(async () => {
  pki = await buildTestPki()
})

async function open(url: string) {
  const database = await createDatabase<SimCaDatabase>({ url })
  await migrateToLatest(database.db, caMigrations)
  return database
}

function query(): Uint8Array {
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(32).fill(9) }),
    }),
  })
  return new Uint8Array(req.toSchema().toBER())
}

/** The TSTInfo serial of a granted TimeStampResp. */
function serialOf(reply: Uint8Array): bigint {
  const resp = new pkijs.TimeStampResp({ schema: asn1js.fromBER(reply).result })
  expect(resp.status.status).toBe(pkijs.PKIStatus.granted)
  const signed = new pkijs.SignedData({ schema: resp.timeStampToken?.content })
  // getValue() joins a constructed OCTET STRING, which is how pkijs re-reads eContent.
  const eContent = signed.encapContentInfo.eContent?.getValue() ?? new ArrayBuffer(0)
  const tstInfo = new pkijs.TSTInfo({ schema: asn1js.fromBER(eContent).result })
  return tstInfo.serialNumber.toBigInt()
}

const increasing = (serials: bigint[]) => serials.every((s, i) => i === 0 || s > (serials[i - 1] as bigint))

describe('persistent TSA serials', () => {
  it('stay unique and increasing when the TSA restarts on the same database', async () => {
    const url = pathToFileURL(join(tempDir(), 'db')).href
    const serials: bigint[] = []
    // Three runs of the TSA, each closing the database as a stopped simulator does.
    for (let run = 0; run < 3; run++) {
      const database = await open(url)
      try {
        const answer = createTsaService({
          signer: pki.tsaEc,
          policyOid: POLICY,
          clock: systemClock,
          // Tiny blocks so a run also crosses block boundaries; a frozen clock so only the database,
          // not the time of the restart, keeps the serials apart.
          serialNumber: persistentSerial({ db: database.db, tsaId: 'tsa', blockBits: 2, now: () => FROZEN }),
          onError: (err) => {
            throw err
          },
        })
        for (let i = 0; i < 6; i++) serials.push(serialOf(await answer(query())))
      } finally {
        await database.close()
      }
    }
    expect(serials).toHaveLength(18)
    expect(new Set(serials).size).toBe(18)
    expect(increasing(serials)).toBe(true)
  }, 120_000)

  it('stays above the clock-seeded serials it replaces, and survives a clock set back', async () => {
    const database = await open('memory://')
    try {
      const before = BigInt(Date.now()) << 20n
      const first = persistentSerial({ db: database.db, tsaId: 'tsa' })
      const a = await first()
      expect(a).toBeGreaterThanOrEqual(before)
      // A restart with the clock a day behind still continues above.
      const second = persistentSerial({
        db: database.db,
        tsaId: 'tsa',
        now: () => new Date(Date.now() - 86_400_000),
      })
      expect(await second()).toBeGreaterThan(a)
    } finally {
      await database.close()
    }
  })

  it('never hands the same serial to concurrent requests or to two processes sharing the database', async () => {
    const database = await open('memory://')
    try {
      const one = persistentSerial({ db: database.db, tsaId: 'tsa', blockBits: 3 })
      const two = persistentSerial({ db: database.db, tsaId: 'tsa', blockBits: 3 })
      const all = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? one() : two())))
      expect(new Set(all).size).toBe(100)
      // Each source on its own is still increasing.
      const fromOne: bigint[] = []
      for (let i = 0; i < 20; i++) fromOne.push(await one())
      expect(increasing(fromOne)).toBe(true)
      // Another TSA has its own counter.
      const other = persistentSerial({ db: database.db, tsaId: 'tsa-2' })
      expect(typeof (await other())).toBe('bigint')
    } finally {
      await database.close()
    }
  })
})
