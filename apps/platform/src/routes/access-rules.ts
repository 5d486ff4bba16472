// Route access declarations used across the Platform's routes (enforced by @elc/web-auth's access hook).
import type { Access } from '@elc/web-auth'

/** Open to anyone: health, the API description, the rules, the public ledger, validation of a draft. */
export const PUBLIC = { config: { access: { public: true } satisfies Access } } as const

export const ADMIN_LEVEL2 = {
  config: { access: { roles: ['platform-admin'], level: 2 } satisfies Access },
} as const
