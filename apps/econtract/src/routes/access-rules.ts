// Route access declarations of the eContract (enforced by @elc/web-auth's access hook).
import type { Access } from '@elc/web-auth'

export const PUBLIC = { config: { access: { public: true } satisfies Access } } as const

/** An employer's administrator, signed in at level 2 with the organisation's VNeID account. */
export const EMPLOYER_ADMIN = {
  config: { access: { roles: ['employer-admin'], level: 2 } satisfies Access },
} as const
