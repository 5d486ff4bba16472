// S3BlobStore and its SigV4 signer: AWS's published vectors, then the adapter against a loopback S3 server
// that checks every signature itself.
import { createHash } from 'node:crypto'
import { ElcError } from '@elc/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FileBlobStore } from '../src/file-blob-store.ts'
import { openBlobStore } from '../src/open-blob-store.ts'
import { S3BlobStore, type S3BlobStoreOptions } from '../src/s3-blob-store.ts'
import { EMPTY_SHA256, signingKey, signRequest } from '../src/sigv4.ts'
import { startTestS3, type TestS3 } from './s3-server.ts'

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex')
const bytes = (s: string) => new TextEncoder().encode(s)

async function expectCode(promise: Promise<unknown>, code: string): Promise<ElcError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ElcError)
  expect((error as ElcError).code).toBe(code)
  return error as ElcError
}

describe('SigV4 signer against the AWS documentation examples', () => {
  const credentials = {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  }
  const date = new Date('2013-05-24T00:00:00Z')

  it('derives the documented signing key', () => {
    const key = signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam')
    expect(key.toString('hex')).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d')
  })

  it('signs GET Object with a Range header', () => {
    const signed = signRequest({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { Range: 'bytes=0-9' },
      payloadHash: EMPTY_SHA256,
      region: 'us-east-1',
      credentials,
      date,
    })
    expect(signed.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    )
  })

  it('signs PUT Object whose key needs percent-encoding', () => {
    const body = 'Welcome to Amazon S3.'
    const signed = signRequest({
      method: 'PUT',
      url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
      headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
      payloadHash: sha256(body),
      region: 'us-east-1',
      credentials,
      date,
    })
    expect(signed.canonicalRequest.split('\n')[1]).toBe('/test%24file.text')
    expect(signed.signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd')
  })

  it('signs a request with a query string', () => {
    const signed = signRequest({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/?lifecycle'),
      payloadHash: EMPTY_SHA256,
      region: 'us-east-1',
      credentials,
      date,
    })
    expect(signed.signature).toBe('fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543')
  })
})

describe('S3BlobStore against a loopback S3 server', () => {
  const settings = {
    region: 'ap-southeast-1',
    bucket: 'hop-dong',
    accessKeyId: 'ELCTESTACCESSKEY',
    secretAccessKey: 'bí-mật/kiểm+thử',
  }
  let s3: TestS3
  const store = (over: Partial<S3BlobStoreOptions> = {}) =>
    new S3BlobStore({ ...settings, endpoint: s3.url, ...over })

  beforeAll(async () => {
    s3 = await startTestS3(settings)
  })
  afterAll(async () => {
    await s3.close()
  })

  it('puts, checks and gets a blob under its sharded SHA-256 key', async () => {
    const content = bytes('Hợp đồng số A000000000001 — bản PDF đã ký')
    const ref = await store({ prefix: 'contracts/' }).put(content)
    expect(ref).toEqual({ sha256: sha256(content), size: content.byteLength })
    const key = `hop-dong/contracts/${ref.sha256.slice(0, 2)}/${ref.sha256.slice(2, 4)}/${ref.sha256}`
    expect(s3.objects.get(key)).toEqual(Buffer.from(content))
    expect(await store({ prefix: 'contracts/' }).has(ref.sha256)).toBe(true)
    expect(Buffer.from((await store({ prefix: 'contracts/' }).get(ref.sha256)) as Uint8Array)).toEqual(
      Buffer.from(content),
    )
  })

  it('skips the upload when the object already exists', async () => {
    const content = bytes('uploaded once')
    const key = sha256(content)
    await store().put(content)
    s3.log.length = 0
    expect(await store().put(content)).toEqual({ sha256: key, size: content.byteLength })
    expect(s3.log.map((l) => l.split(' ')[0])).toEqual(['HEAD'])
  })

  it('answers undefined and false when the object does not exist', async () => {
    const absent = sha256('not in the bucket')
    expect(await store().get(absent)).toBeUndefined()
    expect(await store().has(absent)).toBe(false)
  })

  it('reports a wrong secret or access key as a clear authentication error', async () => {
    const wrongSecret = await expectCode(
      store({ secretAccessKey: 'sai' }).get(sha256('x')),
      'BLOB_STORE_AUTH_FAILED',
    )
    expect(wrongSecret.message).toContain('SignatureDoesNotMatch')
    expect(wrongSecret.text.vi).toContain('khóa bí mật')
    const wrongPut = await expectCode(
      store({ secretAccessKey: 'sai' }).put(bytes('y')),
      'BLOB_STORE_AUTH_FAILED',
    )
    expect(wrongPut.message).toContain('HEAD 403')
    const wrongKey = await expectCode(
      store({ accessKeyId: 'KHONGCO' }).get(sha256('x')),
      'BLOB_STORE_AUTH_FAILED',
    )
    expect(wrongKey.message).toContain('InvalidAccessKeyId')
  })

  it('lets the server catch a body changed after signing', async () => {
    const tampering: typeof fetch = (input, init) =>
      fetch(input, init?.method === 'PUT' ? { ...init, body: bytes('something else') } : init)
    const error = await expectCode(
      store({ fetch: tampering }).put(bytes('original body')),
      'BLOB_STORE_UNAVAILABLE',
    )
    expect(error.message).toContain('XAmzContentSHA256Mismatch')
    expect(await store().has(sha256('original body'))).toBe(false)
  })

  it('detects an object the store changed', async () => {
    const ref = await store().put(bytes('will be altered in the bucket'))
    const key = `hop-dong/${ref.sha256.slice(0, 2)}/${ref.sha256.slice(2, 4)}/${ref.sha256}`
    s3.objects.set(key, Buffer.from('altered'))
    await expectCode(store().get(ref.sha256), 'BLOB_CORRUPTED')
  })

  it('enforces the size limit before any request', async () => {
    s3.log.length = 0
    await expectCode(store({ maxBytes: 4 }).put(bytes('12345')), 'BLOB_TOO_LARGE')
    expect(s3.log).toEqual([])
  })

  it('reports an unreachable store as unavailable', async () => {
    const error = await expectCode(
      store({ endpoint: 'http://127.0.0.1:9', timeoutMs: 2000 }).has(sha256('z')),
      'BLOB_STORE_UNAVAILABLE',
    )
    expect(error.status).toBe(503)
  })

  it('is opened from an s3:// configuration with credentials from the environment', async () => {
    const env = {
      ELC_S3_ACCESS_KEY_ID: settings.accessKeyId,
      ELC_S3_SECRET_ACCESS_KEY: settings.secretAccessKey,
    }
    const config = `s3://hop-dong?region=ap-southeast-1&endpoint=${encodeURIComponent(s3.url)}&prefix=p/&maxBytes=1000`
    const opened = openBlobStore(config, { env })
    expect(opened).toBeInstanceOf(S3BlobStore)
    expect(opened.maxBytes).toBe(1000)
    const ref = await opened.put(bytes('via configuration'))
    expect(
      s3.objects.has(`hop-dong/p/${ref.sha256.slice(0, 2)}/${ref.sha256.slice(2, 4)}/${ref.sha256}`),
    ).toBe(true)
    const awsNames = {
      AWS_ACCESS_KEY_ID: settings.accessKeyId,
      AWS_SECRET_ACCESS_KEY: settings.secretAccessKey,
    }
    expect(await openBlobStore(config, { env: awsNames }).has(ref.sha256)).toBe(true)
  })
})

describe('openBlobStore', () => {
  it('opens a FileBlobStore from a file: URL', () => {
    const store = openBlobStore('file:///var/lib/elc/t%E1%BB%87p?maxBytes=2048')
    expect(store).toBeInstanceOf(FileBlobStore)
    expect((store as FileBlobStore).dir).toBe('/var/lib/elc/tệp')
    expect(store.maxBytes).toBe(2048)
  })

  it.each([
    ['not a url', 'expected file:'],
    ['ftp://host/x', 'unknown scheme'],
    ['file://remote-host/x', 'must be local'],
    ['file:///x?maxBytes=-1', 'maxBytes'],
    ['s3://bucket', 'region'],
    ['s3://bucket?region=ap-southeast-1', 'ELC_S3_ACCESS_KEY_ID'],
  ])('refuses %s with a clear configuration error', (config, hint) => {
    let error: unknown
    try {
      openBlobStore(config, { env: {} })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ElcError)
    expect((error as ElcError).code).toBe('BLOB_STORE_CONFIG_INVALID')
    expect((error as ElcError).message).toContain(hint)
  })
})
