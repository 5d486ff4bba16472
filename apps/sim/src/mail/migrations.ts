// The mail sink's tables, in their own migration module ('mail') so the CA's list stays as it is.
import { type Kysely, type Migration, migrateToLatest, sql } from '@elc/db'

const createMailTables: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table sim_mail_message (
        id text primary key,
        -- Arrival order, for messages received within the same millisecond.
        seq bigint generated always as identity,
        received_at timestamptz not null,
        envelope_from text,
        message_id text,
        header_from text,
        header_to text,
        subject text not null default '',
        text_body text,
        html_body text,
        size integer not null
      );
      create index sim_mail_message_seq_idx on sim_mail_message (seq desc);
      create table sim_mail_recipient (
        message_id text not null references sim_mail_message (id) on delete cascade,
        position integer not null,
        address text not null,
        primary key (message_id, position)
      );
      create index sim_mail_recipient_address_idx on sim_mail_recipient (lower(address));
      create table sim_mail_attachment (
        message_id text not null references sim_mail_message (id) on delete cascade,
        position integer not null,
        filename text,
        content_type text not null,
        content bytea not null,
        size integer not null,
        sha256 text not null,
        created_at timestamptz not null default now(),
        primary key (message_id, position)
      );
    `.execute(db)
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table sim_mail_attachment; drop table sim_mail_recipient; drop table sim_mail_message;`.execute(
      db,
    )
  },
}

/** New migrations go at the end; existing ones never change. */
export const mailMigrations: Record<string, Migration> = {
  'sim-mail-0001-create-mail-tables': createMailTables,
}

export async function migrateMail<DB>(db: Kysely<DB>): Promise<string[]> {
  return migrateToLatest(db, mailMigrations, { module: 'mail' })
}
