import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { availableDatabaseKinds, describeEachDatabase } from './testing/index.ts'

interface Sample {
  id: number
  big: bigint | null
  amount: string | null
  day: string | null
  at: Date | null
  doc: unknown
  bin: Buffer | null
  bins: (Buffer | null)[] | null
  tags: (string | null)[] | null
  bigs: (bigint | null)[] | null
  amounts: string[] | null
  days: string[] | null
  local_at: string | null
}

const NAME = 'Nguyễn Thị Hồng Nhung'
const sample = {
  id: 1,
  big: 2n ** 62n + 7n, // far beyond Number.MAX_SAFE_INTEGER
  amount: '12345678901234567890.123456789',
  day: '2026-02-28',
  at: new Date('2026-03-01T20:15:30.123Z'),
  doc: { name: NAME, wageVnd: 5_310_000, nested: { ok: true, list: [1, 'hai', null] } },
  bin: Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  bins: [Buffer.from([0, 1, 92, 34]), null, Buffer.alloc(0)],
  tags: [NAME, 'a,b', 'quote"d', 'back\\slash', '{brace}', null, ''],
  bigs: [-(2n ** 63n), 0n, 2n ** 63n - 1n, null],
  amounts: ['0.1', '-99999999999999999999.5'],
  days: ['2026-01-01', '1999-12-31'],
  local_at: '2026-03-01 20:15:30.5',
}

// Rows as each backend returned them, compared with each other at the end of the file.
const seen = new Map<string, unknown>()

// Run in Vietnam's zone: a Date must not be shifted by the process time zone on the way in or out.
const originalTz = process.env.TZ
beforeAll(() => {
  process.env.TZ = 'Asia/Ho_Chi_Minh'
})
afterAll(() => {
  process.env.TZ = originalTz
})

describeEachDatabase<{ sample: Sample }>('type round-trips', (ctx) => {
  beforeAll(async () => {
    await sql`
      create table sample (
        id int primary key, big int8, amount numeric, day date, at timestamptz, doc jsonb,
        bin bytea, bins bytea[], tags text[], bigs int8[], amounts numeric[], days date[], local_at timestamp
      )
    `.execute(ctx.db())
  })

  it('the test runs in UTC+7', () => {
    expect(new Date('2026-01-01T00:00:00Z').getTimezoneOffset()).toBe(-420)
  })

  it('parameters round-trip to the same JS values and types', async () => {
    const db = ctx.db()
    await db.insertInto('sample').values(sample).execute()
    const row = await db.selectFrom('sample').selectAll().where('id', '=', 1).executeTakeFirstOrThrow()
    expect(row).toStrictEqual(sample)
    expect(typeof row.big).toBe('bigint')
    expect(row.bin).toBeInstanceOf(Buffer)
    expect(row.at).toBeInstanceOf(Date)
    const doc = row.doc as { name: string }
    expect(doc.name).toBe(NAME)
    expect(doc.name.normalize('NFC')).toBe(doc.name)
    seen.set(`${ctx.kind}:params`, row)
  })

  it('SQL literals come back as the same JS types', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      select
        9223372036854775807::int8 as big, count(*) as n, 1.50::numeric as amount,
        '2026-02-28'::date as day, '2026-03-01 20:15:30.123+07'::timestamptz as at,
        ${'2026-03-01T23:30:00Z'}::timestamptz::date as utc_day,
        ('2026-03-01 23:30:00+00'::timestamptz at time zone 'Asia/Ho_Chi_Minh')::date as vn_day,
        '{"a":[1,2]}'::jsonb as doc, '\\x00ff'::bytea as bin, array['x', null] as tags,
        array[1, 2]::int8[] as bigs, true as yes, 1.5::float8 as f, 7::int4 as i,
        '00000000-0000-0000-0000-000000000001'::uuid as id, 'infinity'::date as forever
    `.execute(ctx.db())
    expect(rows).toStrictEqual([
      {
        big: 9223372036854775807n,
        n: 1n,
        amount: '1.50',
        day: '2026-02-28',
        at: new Date('2026-03-01T13:15:30.123Z'),
        utc_day: '2026-03-01',
        vn_day: '2026-03-02',
        doc: { a: [1, 2] },
        bin: Buffer.from([0, 255]),
        tags: ['x', null],
        bigs: [1n, 2n],
        yes: true,
        f: 1.5,
        i: 7,
        id: '00000000-0000-0000-0000-000000000001',
        forever: 'infinity',
      },
    ])
    seen.set(`${ctx.kind}:literals`, rows)
  })

  it('a Date bound to a date column is its UTC calendar day, whatever the process zone', async () => {
    // 2026-03-01T20:00Z is already 2 March in Hanoi; node-postgres alone would store 2026-03-02.
    const { rows } = await sql<{
      day: string
    }>`select ${new Date('2026-03-01T20:00:00Z')}::date as day`.execute(ctx.db())
    expect(rows).toEqual([{ day: '2026-03-01' }])
  })

  it('text is stored byte for byte: NFC stays NFC, NFD stays NFD (normalising is the app’s job)', async () => {
    const nfd = NAME.normalize('NFD')
    const { rows } = await sql<{ nfc: string; nfd: string; nfc_len: number }>`
      select ${NAME}::text as nfc, ${nfd}::text as nfd, length(${NAME}::text) as nfc_len
    `.execute(ctx.db())
    expect(rows[0]?.nfc).toBe(NAME)
    expect(rows[0]?.nfd).toBe(nfd)
    expect(rows[0]?.nfc_len).toBe([...NAME].length)
  })

  it('JSON arrays must be sent as JSON text, and fail the same way on both backends when not', async () => {
    const db = ctx.db()
    const list = [NAME, 2]
    const ok = await sql<{ doc: unknown }>`select ${JSON.stringify(list)}::jsonb as doc`.execute(db)
    expect(ok.rows).toEqual([{ doc: list }])
    // A JS array is a PostgreSQL array literal on both backends, which is not JSON.
    await expect(sql`select ${list}::jsonb as doc`.execute(db)).rejects.toThrow(
      /invalid input syntax for type json/,
    )
  })

  it('types this package does not map still agree (pg-types parsers on both)', async () => {
    await sql`create type mood as enum ('vui', 'buồn')`.execute(ctx.db())
    const { rows } = await sql<Record<string, unknown>>`
      select '1 day 02:03:04.5'::interval as span, '(1.5,2)'::point as pt, '[1,5)'::int4range as r,
        'vui'::mood as m, array['vui', 'buồn']::mood[] as ms, 'NaN'::numeric as nan,
        'Infinity'::float8 as inf, 'infinity'::timestamptz as never, '12:30:00'::time as t,
        array[1.5, 2]::numeric[] as nums, array['2026-01-01'::date] as ds,
        '{"big": 12345678901234567890}'::jsonb as doc
    `.execute(ctx.db())
    const row = rows[0] as Record<string, unknown>
    expect(row.span).toMatchObject({ days: 1, hours: 2, minutes: 3, seconds: 4, milliseconds: 500 })
    expect(row).toMatchObject({
      pt: { x: 1.5, y: 2 },
      r: '[1,5)',
      m: 'vui',
      nan: 'NaN',
      inf: Number.POSITIVE_INFINITY,
      never: Number.POSITIVE_INFINITY,
      t: '12:30:00',
      nums: ['1.5', '2'],
      ds: ['2026-01-01'],
      doc: { big: 12345678901234567000 }, // JSON numbers are JS numbers: precision lost on both
    })
    // Arrays of types created after start-up stay raw text on both backends.
    expect(row.ms).toBe('{vui,buồn}')
    seen.set(`${ctx.kind}:others`, rows)
  })

  it('NULL in every column comes back as null', async () => {
    const db = ctx.db()
    await db.insertInto('sample').values({ id: 2 }).execute()
    const row = await db.selectFrom('sample').selectAll().where('id', '=', 2).executeTakeFirstOrThrow()
    expect(Object.entries(row).filter(([key, value]) => key !== 'id' && value !== null)).toEqual([])
  })
})

describe('type round-trips across backends', () => {
  it('PGlite and PostgreSQL returned identical values', () => {
    const kinds = availableDatabaseKinds()
    if (kinds.length < 2) {
      // Only PGlite here (no DATABASE_URL): at least check its suite actually ran.
      expect(seen.has('pglite:params')).toBe(true)
      return
    }
    expect(seen.get('pglite:params')).toStrictEqual(seen.get('postgres:params'))
    expect(seen.get('pglite:literals')).toStrictEqual(seen.get('postgres:literals'))
    expect(seen.get('pglite:others')).toStrictEqual(seen.get('postgres:others'))
  })
})
