// Locking an account (the police suspend an e-identity account): it can no longer sign in, its sessions end,
// its grants are revoked, and every relying party it had signed in to gets an OpenID back-channel logout
// token, so the Platform and eContract services follow its status (R1.33).
import { ElcError, text } from '@elc/core'
import type { Kysely } from '@elc/db'
import type Provider from 'oidc-provider'
import type { SimCaDatabase } from '../ca/schema.ts'
import { type Account, AccountRepo } from './accounts.ts'
import { OidcRecordAdapter, sessionsOfAccount } from './oidc-adapter.ts'

export interface LogoutDelivery {
  clientId: string
  delivered: boolean
  error?: string
}

interface BackchannelClient {
  backchannelLogoutUri?: string | undefined
  backchannelLogout(sub: string, sid: string | undefined): Promise<void>
}

export class AccountLocking {
  private readonly accounts: AccountRepo

  constructor(
    private readonly db: Kysely<SimCaDatabase>,
    private readonly provider: Provider,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.accounts = new AccountRepo(db)
  }

  async lock(id: string): Promise<{ account: Account; backchannelLogout: LogoutDelivery[] }> {
    const account = await this.accounts.setStatus(id, 'locked', this.now())
    if (!account) throw notFound()
    return { account, backchannelLogout: await this.endSessions(id) }
  }

  async unlock(id: string): Promise<Account> {
    const account = await this.accounts.setStatus(id, 'active', this.now())
    if (!account) throw notFound()
    return account
  }

  private async endSessions(accountId: string): Promise<LogoutDelivery[]> {
    const deliveries: LogoutDelivery[] = []
    const sessions = new OidcRecordAdapter(this.db, 'Session')
    const grants = new OidcRecordAdapter(this.db, 'Grant')
    for (const session of await sessionsOfAccount(this.db, accountId)) {
      for (const [clientId, authorization] of Object.entries(session.payload.authorizations ?? {})) {
        const client = (await this.provider.Client.find(clientId)) as unknown as BackchannelClient | undefined
        if (client?.backchannelLogoutUri) {
          try {
            await client.backchannelLogout(accountId, authorization.sid)
            deliveries.push({ clientId, delivered: true })
          } catch (error) {
            deliveries.push({ clientId, delivered: false, error: (error as Error).message })
          }
        }
        if (authorization.grantId) {
          await grants.revokeByGrantId(authorization.grantId)
          await grants.destroy(authorization.grantId)
        }
      }
      await sessions.destroy(session.id)
    }
    return deliveries
  }
}

function notFound(): ElcError {
  return new ElcError(
    'IDENTITY_ACCOUNT_NOT_FOUND',
    text('Không tìm thấy tài khoản định danh điện tử.', 'E-identity account not found.'),
    { status: 404 },
  )
}
