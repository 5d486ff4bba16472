// The simulator's VNeID as a test needs it: synthetic people seeded, a relying party registered, accounts
// locked, all over the simulator's admin API.
export interface SeededAccount {
  id: string
  kind: 'person' | 'organisation'
  loginId: string
  assuranceLevel: number
  status: string
  profile: Record<string, unknown>
}

export interface RegisteredClient {
  clientId: string
  clientSecret: string
}

async function call<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    ...(init.body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
  })
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

export async function seedAccounts(
  simUrl: string,
  seed: string,
  persons = 6,
  organisations = 2,
): Promise<SeededAccount[]> {
  await call(`${simUrl}/admin/identity/seed`, { body: { seed, persons, organisations } })
  const { accounts } = await call<{ accounts: SeededAccount[] }>(
    `${simUrl}/admin/identity/accounts?limit=1000`,
  )
  return accounts
}

export async function registerClient(
  simUrl: string,
  appUrl: string,
  name: string,
): Promise<RegisteredClient> {
  const c = await call<{ client_id: string; client_secret: string }>(`${simUrl}/admin/identity/clients`, {
    body: {
      client_name: name,
      redirect_uris: [`${appUrl}/auth/callback`],
      post_logout_redirect_uris: [`${appUrl}/`],
      backchannel_logout_uri: `${appUrl}/auth/backchannel-logout`,
    },
  })
  return { clientId: c.client_id, clientSecret: c.client_secret }
}

export async function lockAccount(simUrl: string, id: string): Promise<void> {
  await call(`${simUrl}/admin/identity/accounts/${id}/lock`, { method: 'POST', body: {} })
}
