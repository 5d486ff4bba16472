// Server-side sessions: the cookie holds a random token, the database its hash, the ID token (the
// evidence of how the person was authenticated, R5.11) and the IdP session id, so a back-channel logout
// or an account lock ends the session at once (R1.33).
import { createHash, randomBytes } from 'node:crypto'
import { type Kysely, type Migration, sql } from '@elc/db'
import type { RoleGrantTable } from './grants-repo.ts'

export interface WebSessionTable {
  id_hash: string
  subject: string
  idp_sid: string | null
  claims: unknown
  acr: string
  /** How the person authenticated (pwd, otp …), when, and the provider's reference: R5.11's provenance. */
  amr: string[]
  auth_time: Date | null
  transaction_ref: string | null
  id_token: string
  created_at: Date
  expires_at: Date
  revoked_at: Date | null
}

export interface WebAuthDatabase {
  web_session: WebSessionTable
  role_grant: RoleGrantTable
}

export const webAuthMigrations: Record<string, Migration> = {
  'web-auth-0001-sessions-and-grants': {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table web_session (
          id_hash text primary key,
          subject text not null,
          idp_sid text,
          claims jsonb not null,
          acr text not null,
          amr text[] not null default '{}',
          auth_time timestamptz,
          transaction_ref text,
          id_token text not null,
          created_at timestamptz not null default now(),
          expires_at timestamptz not null,
          revoked_at timestamptz
        );
        create index web_session_subject on web_session (subject);
        create table role_grant (
          id text primary key,
          personal_id_hash text not null,
          role text not null,
          province text,
          employer_tax_code text,
          agreement_id text,
          provider_tax_code text,
          holder_organisation_tax_code text,
          granted_by text not null,
          granted_at timestamptz not null default now(),
          revoked_at timestamptz
        );
        create index role_grant_holder on role_grant (personal_id_hash) where revoked_at is null;
        create index web_session_idp_sid on web_session (idp_sid);
      `.execute(db)
    },
  },
}

export interface StoredSession {
  subject: string
  claims: Record<string, unknown>
  acr: string
  expiresAt: Date
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex')

export class SessionStore {
  constructor(
    private readonly db: Kysely<WebAuthDatabase>,
    private readonly ttlMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns the cookie token; only its hash is stored. */
  async create(input: {
    subject: string
    idpSid?: string
    claims: Record<string, unknown>
    acr: string
    idToken: string
  }): Promise<string> {
    const token = randomBytes(32).toString('base64url')
    await this.db
      .insertInto('web_session')
      .values({
        id_hash: hash(token),
        subject: input.subject,
        idp_sid: input.idpSid ?? null,
        claims: JSON.stringify(input.claims),
        acr: input.acr,
        amr: Array.isArray(input.claims.amr) ? input.claims.amr.map(String) : [],
        auth_time:
          typeof input.claims.auth_time === 'number' ? new Date(input.claims.auth_time * 1000) : null,
        transaction_ref: typeof input.claims.jti === 'string' ? input.claims.jti : (input.idpSid ?? null),
        id_token: input.idToken,
        expires_at: new Date(this.now().getTime() + this.ttlMs),
        created_at: this.now(),
        revoked_at: null,
      })
      .execute()
    return token
  }

  async find(token: string): Promise<StoredSession | undefined> {
    const row = await this.db
      .selectFrom('web_session')
      .select(['subject', 'claims', 'acr', 'expires_at'])
      .where('id_hash', '=', hash(token))
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', this.now())
      .executeTakeFirst()
    if (!row) return undefined
    const claims = (typeof row.claims === 'string' ? JSON.parse(row.claims) : row.claims) as Record<
      string,
      unknown
    >
    return { subject: row.subject, claims, acr: row.acr, expiresAt: row.expires_at }
  }

  async revoke(token: string): Promise<void> {
    await this.db
      .updateTable('web_session')
      .set({ revoked_at: this.now() })
      .where('id_hash', '=', hash(token))
      .execute()
  }

  /** Back-channel logout: by the IdP session when it names one, else every session of the subject. */
  async revokeByIdp(input: { sid?: string; subject?: string }): Promise<number> {
    let query = this.db
      .updateTable('web_session')
      .set({ revoked_at: this.now() })
      .where('revoked_at', 'is', null)
    if (input.sid) query = query.where('idp_sid', '=', input.sid)
    else if (input.subject) query = query.where('subject', '=', input.subject)
    else return 0
    const result = await query.executeTakeFirst()
    return Number(result.numUpdatedRows)
  }
}
