import { describe, expect, it } from 'vitest'
import { Mutex } from './mutex.ts'

describe('Mutex', () => {
  it('grants the lock in arrival order and never to two holders at once', async () => {
    const mutex = new Mutex()
    const order: number[] = []
    let holders = 0
    let maxHolders = 0
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const unlock = await mutex.lock()
        holders += 1
        maxHolders = Math.max(maxHolders, holders)
        order.push(i)
        await new Promise((resolve) => setTimeout(resolve, (10 - i) % 3))
        holders -= 1
        unlock()
      }),
    )
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(maxHolders).toBe(1)
  })

  it('a second unlock by the same holder does not release the next holder', async () => {
    const mutex = new Mutex()
    const first = await mutex.lock()
    const secondTurn = mutex.lock()
    first()
    const second = await secondTurn
    const thirdTurn = mutex.lock().then(() => 'third')
    first() // stale: must not let the third in while the second holds the lock
    const winner = await Promise.race([
      thirdTurn,
      new Promise((resolve) => setTimeout(() => resolve('none'), 20)),
    ])
    expect(winner).toBe('none')
    second()
    expect(await thirdTurn).toBe('third')
  })
})
