// Statistics for the Ministry (D16.1, R1.26(3)) and a Department for its own province: counts only, with
// no personal data. Counts below SMALL_CELL are withheld, and when a breakdown withholds exactly one
// cell, the next smallest is withheld too, so a withheld count cannot be recovered from the total.
// Aggregates are not personal data, so reading them is not logged in the access log; what could make
// them personal again (a count of 1 or 2 in a month and province) is what the suppression removes.
import { type Text, text } from '@elc/core'
import { type Kysely, sql } from '@elc/db'
import type { SubmissionDatabase } from '../submissions/index.ts'
import type { OversightDatabase } from './migrations.ts'
import { provinceName } from './provinces.ts'

export const SMALL_CELL = 5

export interface Cell {
  key: string
  /** null when withheld. */
  count: number | null
  suppressed: boolean
}

export interface Statistics {
  period: { from: string | null; to: string | null }
  province: { code: string; name: string } | null
  suppression: { threshold: number; note: Text }
  contracts: {
    total: Cell
    byMonth: Cell[]
    byProvince: Cell[]
    byTermType: Cell[]
    byIdLetter: Cell[]
  }
  lifecycleDocuments: { total: Cell; byKind: Cell[] }
  refusals: { total: Cell; byReason: Cell[] }
  decisions: { total: Cell; medianSecondsToDecision: number | null }
}

const NOTE = text(
  `Các ô có ít hơn ${SMALL_CELL} trường hợp không được công bố (count = null) để tránh nhận diện cá nhân; khi một phân nhóm chỉ có một ô bị ẩn, ô nhỏ kế tiếp cũng bị ẩn. Hợp đồng có nơi làm việc ở nhiều tỉnh được tính ở mỗi tỉnh.`,
  `Cells with fewer than ${SMALL_CELL} cases are withheld (count = null) to prevent re-identification; when a breakdown withholds only one cell, the next smallest is withheld too. A contract with workplaces in several provinces counts in each.`,
)

type Filter = { from?: Date; to?: Date; province?: string }

export async function statistics(
  db: Kysely<SubmissionDatabase & OversightDatabase>,
  filter: Filter,
): Promise<Statistics> {
  const range = (column: string) =>
    sql.join(
      [
        sql`true`,
        ...(filter.from ? [sql`${sql.ref(column)} >= ${filter.from}`] : []),
        ...(filter.to ? [sql`${sql.ref(column)} < ${filter.to}`] : []),
      ],
      sql` and `,
    )
  const inProvince = (submission: string) =>
    filter.province
      ? sql`exists (select 1 from submission_province sp where sp.submission_id = ${sql.ref(submission)} and sp.province_code = ${filter.province})`
      : sql`true`
  const counted = async (query: ReturnType<typeof sql>) =>
    ((await query.execute(db)).rows as Array<{ key: string | null; n: string | number }>).map((r) => ({
      key: r.key ?? 'unknown',
      n: Number(r.n),
    }))

  const issued = sql`from contract c join submission s on s.id = c.submission_id
    where ${range('c.issued_at')} and ${inProvince('s.id')}`
  const [total] = await counted(sql`select 'total' as key, count(*) as n ${issued}`)
  const byMonth = await counted(
    sql`select to_char((c.issued_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM') as key, count(*) as n
      ${issued} group by 1 order by 1`,
  )
  const byProvince = await counted(
    sql`select p.province_code as key, count(*) as n
      from contract c join submission s on s.id = c.submission_id
      join submission_province p on p.submission_id = s.id
      where ${range('c.issued_at')} ${filter.province ? sql`and p.province_code = ${filter.province}` : sql``}
      group by 1 order by 1`,
  )
  const byTermType = await counted(
    sql`select s.term_type as key, count(*) as n ${issued} group by 1 order by 1`,
  )
  const byIdLetter = await counted(
    sql`select substr(c.contract_id, 1, 1) as key, count(*) as n ${issued} group by 1 order by 1`,
  )

  const attached = sql`from contract_document d join contract c on c.contract_id = d.contract_id
    join submission s on s.id = c.submission_id
    where ${range('d.attached_at')} and ${inProvince('s.id')}`
  const [documents] = await counted(sql`select 'total' as key, count(*) as n ${attached}`)
  const byKind = await counted(sql`select d.kind as key, count(*) as n ${attached} group by 1 order by 1`)

  const refused = sql`from submission s
    where s.status = 'decided' and s.contract_id is null
      and jsonb_typeof(s.reasons) = 'array' and jsonb_array_length(s.reasons) > 0
      and ${range('s.decided_at')} and ${inProvince('s.id')}`
  const [refusals] = await counted(sql`select 'total' as key, count(*) as n ${refused}`)
  const byReason = await counted(
    sql`select r.value ->> 'code' as key, count(distinct s.id) as n
      from submission s cross join lateral jsonb_array_elements(s.reasons) r
      where s.status = 'decided' and s.contract_id is null and jsonb_typeof(s.reasons) = 'array'
        and ${range('s.decided_at')} and ${inProvince('s.id')}
      group by 1 order by 1`,
  )

  const decided = (
    await sql<{ n: string | number; median: string | number | null }>`
      select count(*) as n,
        percentile_cont(0.5) within group (order by extract(epoch from (s.decided_at - s.received_at))) as median
      from submission s
      where s.status = 'decided' and ${range('s.decided_at')} and ${inProvince('s.id')}`.execute(db)
  ).rows[0]
  const decisions = Number(decided?.n ?? 0)

  return {
    period: {
      from: filter.from ? vnDay(filter.from) : null,
      to: filter.to ? vnDay(new Date(filter.to.getTime() - 86_400_000)) : null,
    },
    province: filter.province
      ? { code: filter.province, name: provinceName(filter.province) ?? filter.province }
      : null,
    suppression: { threshold: SMALL_CELL, note: NOTE },
    contracts: {
      total: cell('total', total?.n ?? 0),
      byMonth: suppress(byMonth),
      byProvince: suppress(byProvince),
      byTermType: suppress(byTermType),
      byIdLetter: suppress(byIdLetter),
    },
    lifecycleDocuments: { total: cell('total', documents?.n ?? 0), byKind: suppress(byKind) },
    refusals: { total: cell('total', refusals?.n ?? 0), byReason: suppress(byReason) },
    decisions: {
      total: cell('total', decisions),
      // A median of fewer than SMALL_CELL decisions comes close to one submission's own timing.
      medianSecondsToDecision:
        decisions >= SMALL_CELL && decided?.median != null ? Math.round(Number(decided.median)) : null,
    },
  }
}

function cell(key: string, n: number): Cell {
  return n > 0 && n < SMALL_CELL
    ? { key, count: null, suppressed: true }
    : { key, count: n, suppressed: false }
}

/** Primary suppression of small cells, then secondary: never exactly one withheld cell in a breakdown. */
export function suppress(cells: Array<{ key: string; n: number }>): Cell[] {
  const out = cells.map((c) => cell(c.key, c.n))
  if (out.filter((c) => c.suppressed).length === 1) {
    const next = cells
      .map((c, i) => ({ ...c, i }))
      .filter((c) => !out[c.i]?.suppressed && c.n > 0)
      .sort((a, b) => a.n - b.n)[0]
    if (next) out[next.i] = { key: next.key, count: null, suppressed: true }
  }
  return out
}

function vnDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)
}
