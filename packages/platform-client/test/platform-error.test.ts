// Error answers become PlatformError: problem+json as sent, anything else (a proxy's page) as HTTP_{status}.
import { describe, expect, it } from 'vitest'
import { createPlatformClient, PlatformError } from '../src/index.ts'

const answering = (status: number, body: string, type: string) =>
  createPlatformClient({
    baseUrl: 'http://platform.test/',
    getToken: () => 'token',
    fetch: async () => new Response(body, { status, headers: { 'content-type': type } }),
  })

describe('PlatformError', () => {
  it('carries the problem’s code, rule and vi/en text', async () => {
    const problem = {
      type: 'urn:elc:problem:SUBMISSION_PARENT_UNKNOWN',
      title: 'Không tìm thấy hợp đồng gốc với mã định danh đã nêu.',
      status: 422,
      code: 'SUBMISSION_PARENT_UNKNOWN',
      ruleId: 'R1.30',
      messages: {
        vi: 'Không tìm thấy hợp đồng gốc với mã định danh đã nêu.',
        en: 'No contract has the given parent ID.',
      },
    }
    const client = answering(422, JSON.stringify(problem), 'application/problem+json')
    const error = await client.submission('x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PlatformError)
    expect(error).toMatchObject({
      status: 422,
      code: 'SUBMISSION_PARENT_UNKNOWN',
      ruleId: 'R1.30',
      vi: problem.messages.vi,
      en: problem.messages.en,
      problem,
    })
  })

  it('names an answer that is not problem+json by its status', async () => {
    const client = answering(502, '<html>Bad Gateway</html>', 'text/html')
    await expect(client.verify('A000000000001')).rejects.toMatchObject({
      name: 'PlatformError',
      status: 502,
      code: 'HTTP_502',
      ruleId: undefined,
    })
  })
})
