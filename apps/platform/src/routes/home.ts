// The Platform's front page: what it is and where its API lives, in Vietnamese first.
import type { FastifyInstance } from 'fastify'
import { PUBLIC } from './access-rules.ts'

const PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nền tảng hợp đồng lao động điện tử</title>
<style>
  body { font-family: system-ui, "Noto Sans", sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
  h1 { font-size: 1.5rem; margin-bottom: .25rem; }
  .en { color: #555; }
  code { background: #f3f3f3; padding: .1rem .3rem; border-radius: 3px; }
</style>
</head>
<body>
<h1>Nền tảng hợp đồng lao động điện tử</h1>
<p class="en">Electronic Labor Contract Platform — Ministry of Home Affairs</p>
<p>Nền tảng tiếp nhận hợp đồng lao động điện tử từ các nhà cung cấp, kiểm tra tự động và cấp mã định danh hợp đồng
(Nghị định 337/2025/NĐ-CP, Thông tư 08/2026/TT-BNV).</p>
<p class="en">The Platform receives electronic labor contracts from providers, checks them automatically and issues
their contract IDs.</p>
<ul>
  <li><a href="/openapi.json">Tài liệu API (OpenAPI 3.1)</a> <span class="en">/ API description</span></li>
  <li><a href="/v1/rules">Các quy tắc kiểm tra hợp đồng</a> <span class="en">/ validation rules</span></li>
  <li><code>POST /v1/validations</code>: kiểm tra hợp đồng <span class="en">/ validate a contract</span></li>
</ul>
</body>
</html>
`

const SIGN_IN = `<p><a href="/auth/login?returnTo=/account">Đăng nhập bằng tài khoản định danh điện tử (VNeID)</a>
<span class="en">/ Sign in with VNeID</span></p>
</body>`

export function homeRoutes(app: FastifyInstance, signIn: boolean): void {
  const page = signIn ? PAGE.replace('</body>', SIGN_IN) : PAGE
  app.get('/', PUBLIC, async (_request, reply) => reply.type('text/html; charset=utf-8').send(page))
}
