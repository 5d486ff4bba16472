// The signed-in user's own page: who the Platform thinks they are and which roles they hold. A level 1
// account learns only that it is signed in; names, ID numbers and contracts need level 2 (R1.12).
import type { FastifyInstance } from 'fastify'
import type { Access } from './access.ts'
import { escapeHtml, page } from './html-page.ts'
import { ALL_ROLES, ROLES, type Role } from './roles.ts'

const SIGNED_IN = { config: { access: { roles: ALL_ROLES } satisfies Access } }

/** Where a role goes from its account page: the app's pages for that role. */
export interface AppLink {
  href: string
  vi: string
  en: string
  roles: readonly Role[]
}

/** `appName` heads the page: each app has its own (Platform, eContract); `links` lead to its pages by role. */
export function accountRoutes(app: FastifyInstance, appName: string, links: readonly AppLink[] = []): void {
  app.get('/account', SIGNED_IN, async (request, reply) => {
    const p = request.principal
    if (!p) return reply.redirect('/auth/login?returnTo=/account')
    const csrf = reply.csrfToken()
    const logout = `<form method="post" action="/auth/logout"><input type="hidden" name="_csrf" value="${escapeHtml(csrf)}"><button>Đăng xuất / Sign out</button></form>`
    if (p.level < 2)
      return reply.type('text/html; charset=utf-8').send(
        page(
          appName,
          'Tài khoản',
          `<p>Bạn đã đăng nhập bằng tài khoản định danh điện tử mức độ 1.</p>
<p class="en">You are signed in with a level 1 account.</p>
<p>Cần tài khoản mức độ 2 để xem thông tin và hợp đồng của mình. <a href="/auth/login?returnTo=/account">Đăng nhập mức độ 2</a></p>
<p class="en">A level 2 account is needed to see your details and contracts.</p>${logout}`,
        ),
      )
    const roles = p.grants
      .map(
        (g) =>
          `<li>${escapeHtml(ROLES[g.role].vi)} <span class="en">/ ${escapeHtml(ROLES[g.role].en)}</span>${scopeOf(g)}</li>`,
      )
      .join('')
    const mine = links.filter((l) => p.grants.some((g) => l.roles.includes(g.role)))
    const nav = mine.length
      ? `<nav aria-label="Trang của bạn / Your pages"><ul>${mine
          .map(
            (l) =>
              `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.vi)}</a> <span class="en">/ ${escapeHtml(l.en)}</span></li>`,
          )
          .join('')}</ul></nav>`
      : ''
    const id = p.personalId
      ? `<dt>Số định danh cá nhân <span class="en">/ Personal ID</span></dt><dd id="personal-id">${escapeHtml(p.personalId)}</dd>`
      : `<dt>Mã số thuế <span class="en">/ Tax code</span></dt><dd id="tax-code">${escapeHtml(p.taxCode ?? '')}</dd>`
    return reply.type('text/html; charset=utf-8').send(
      page(
        appName,
        'Tài khoản của tôi',
        `${nav}<dl><dt>Họ và tên <span class="en">/ Name</span></dt><dd id="name">${escapeHtml(p.name)}</dd>${id}
<dt>Mức định danh <span class="en">/ Assurance level</span></dt><dd>${p.level}</dd></dl>
<h2>Vai trò <span class="en">/ Roles</span></h2><ul>${roles}</ul>${logout}`,
      ),
    )
  })
}

function scopeOf(g: {
  employerTaxCode?: string
  province?: string
  agreementId?: string
  providerTaxCode?: string
}): string {
  const scope = g.employerTaxCode ?? g.province ?? g.agreementId ?? g.providerTaxCode
  return scope ? ` (${escapeHtml(scope)})` : ''
}
