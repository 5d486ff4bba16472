// Test fixture only: a migration in raw SQL, several statements in one string as migrations often
// are; it must run the same on PGlite and PostgreSQL.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contract (
      id text primary key check (id ~ '^[ABC][0-9]{12}$'),
      worker_id bigint not null references worker (id),
      monthly_wage_vnd bigint not null check (monthly_wage_vnd > 0),
      starts_on date not null
    );
    create index contract_worker_idx on contract (worker_id);
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table contract`.execute(db)
}
