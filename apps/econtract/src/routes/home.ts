// The eContract's front page and probes.
import type { Database } from '@elc/db'
import { healthRoutes } from '@elc/http'
import type { FastifyInstance } from 'fastify'
import { ECONTRACT_NAME } from '../name.ts'
import { PUBLIC } from './access-rules.ts'

export function homeRoutes(
  app: FastifyInstance,
  database: Pick<Database<unknown>, 'db' | 'kind'>,
  signIn: boolean,
): void {
  app.get('/', PUBLIC, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${ECONTRACT_NAME}</title>
<style>
  body { font-family: system-ui, "Noto Sans", sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  .en { color: #555; }
  a.button { display: inline-block; padding: .75rem 1.25rem; background: #b71c1c; color: #fff; border-radius: 6px; text-decoration: none; }
</style>
</head>
<body>
<h1>${ECONTRACT_NAME}</h1>
<p>Soạn, ký số và gửi hợp đồng lao động điện tử lên Nền tảng của Bộ Nội vụ. Người lao động không phải trả phí.</p>
<p class="en">Draft, sign and submit electronic labor contracts to the Ministry's Platform. Workers never pay.</p>
${signIn ? '<p><a class="button" href="/auth/login?returnTo=/account">Đăng nhập bằng VNeID</a> <span class="en">/ Sign in with VNeID</span></p>' : ''}
</body>
</html>
`),
  )
  healthRoutes(app, database, PUBLIC)
}
