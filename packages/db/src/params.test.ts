import { describe, expect, it } from 'vitest'
import { toDriverParam } from './params.ts'

describe('toDriverParam', () => {
  it('keeps binary, nulls and strings; stringifies numbers, bigints and booleans', () => {
    const bytes = new Uint8Array([1, 2])
    expect(toDriverParam(bytes)).toBe(bytes)
    expect(toDriverParam(null)).toBeNull()
    expect(toDriverParam(undefined)).toBeNull()
    expect(toDriverParam('Hồng')).toBe('Hồng')
    expect(toDriverParam(2n ** 63n - 1n)).toBe('9223372036854775807')
    expect(toDriverParam(1.5)).toBe('1.5')
    expect(toDriverParam(false)).toBe('false')
  })

  it('sends a Date as UTC ISO 8601, and refuses an invalid one', () => {
    expect(toDriverParam(new Date('2026-03-01T20:00:00+07:00'))).toBe('2026-03-01T13:00:00.000Z')
    expect(() => toDriverParam(new Date('not a date'))).toThrow(RangeError)
  })

  it('sends objects as JSON', () => {
    expect(toDriverParam({ name: 'Nhung', n: [1] })).toBe('{"name":"Nhung","n":[1]}')
  })

  it('sends arrays as PostgreSQL array literals, quoting what needs quoting', () => {
    expect(toDriverParam(['a,b', 'q"d', 'b\\s', null, '', '{x}'])).toBe(
      '{"a,b","q\\"d","b\\\\s",NULL,"","{x}"}',
    )
    expect(
      toDriverParam([
        [1, 2],
        [3, null],
      ]),
    ).toBe('{{"1","2"},{"3",NULL}}')
    expect(toDriverParam([new Uint8Array([0, 255])])).toBe('{"\\\\x00ff"}')
    expect(toDriverParam([new Date('2026-01-01T00:00:00Z'), 1n])).toBe('{"2026-01-01T00:00:00.000Z","1"}')
    expect(toDriverParam([])).toBe('{}')
  })
})
