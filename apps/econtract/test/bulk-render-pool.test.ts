// The render pool's threads give the very bytes the renderer gives in this thread (rendering is
// deterministic), and the signature boxes with them.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, expect, it } from 'vitest'
import { RenderPool } from '../src/bulk/index.ts'
import { renderContractDocument } from '../src/render/index.ts'

const EXAMPLE = JSON.parse(
  readFileSync(new URL('../../../examples/contract-definite-probation.json', import.meta.url), 'utf8'),
)
const pool = new RenderPool(2)
afterAll(() => pool.close())

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

it('renders on its threads exactly as in this thread', async () => {
  const local = await renderContractDocument(EXAMPLE)
  const other = { ...EXAMPLE, worker: { ...EXAMPLE.worker, fullName: 'Lê Thị Hoa' } }
  const [a, b] = await Promise.all([pool.render(EXAMPLE), pool.render(other)])
  expect(sha(a.pdf)).toBe(sha(local.pdf))
  expect(a.signatureBoxes).toEqual(local.signatureBoxes)
  expect(sha(b.pdf)).toBe(sha((await renderContractDocument(other)).pdf))
}, 60_000)

it('passes a rendering error back', async () => {
  await expect(pool.render({ kind: 'nonsense' })).rejects.toThrow(/render thread/)
})
