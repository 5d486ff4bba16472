// Chooses the BlobStore adapter from one configuration string, so deployments switch stores without code.
//
//   file:///var/lib/elc/blobs[?maxBytes=N]
//   s3://BUCKET?region=ap-southeast-1[&endpoint=https://…][&prefix=contracts/][&maxBytes=N]
//
// S3 credentials never sit in the string (it gets logged); they come from the environment:
//   ELC_S3_ACCESS_KEY_ID, ELC_S3_SECRET_ACCESS_KEY, optional ELC_S3_SESSION_TOKEN,
//   falling back to the standard AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.
import { fileURLToPath } from 'node:url'
import type { BlobStore } from './blob-store.ts'
import { blobStoreConfigInvalid } from './errors.ts'
import { FileBlobStore } from './file-blob-store.ts'
import { S3BlobStore } from './s3-blob-store.ts'

export interface OpenBlobStoreOptions {
  env?: Record<string, string | undefined>
  fetch?: typeof fetch
}

export function openBlobStore(config: string, options: OpenBlobStoreOptions = {}): BlobStore {
  let url: URL
  try {
    url = new URL(config)
  } catch {
    throw blobStoreConfigInvalid('expected file:///path or s3://bucket?region=…')
  }
  const maxBytes = parseMaxBytes(url.searchParams.get('maxBytes'))
  if (url.protocol === 'file:') {
    if (url.host && url.host !== 'localhost') throw blobStoreConfigInvalid('file: URL must be local')
    return new FileBlobStore(fileURLToPath(new URL(url.pathname, 'file:///')), { maxBytes })
  }
  if (url.protocol === 's3:') {
    const env = options.env ?? process.env
    const bucket = decodeURIComponent(url.hostname)
    const region = url.searchParams.get('region') ?? env.AWS_REGION
    if (!bucket) throw blobStoreConfigInvalid('s3: URL has no bucket')
    if (!region) throw blobStoreConfigInvalid('s3: URL has no region (add ?region=…)')
    const accessKeyId = env.ELC_S3_ACCESS_KEY_ID ?? env.AWS_ACCESS_KEY_ID
    const secretAccessKey = env.ELC_S3_SECRET_ACCESS_KEY ?? env.AWS_SECRET_ACCESS_KEY
    const sessionToken = env.ELC_S3_SESSION_TOKEN ?? env.AWS_SESSION_TOKEN
    if (!accessKeyId || !secretAccessKey) {
      throw blobStoreConfigInvalid('set ELC_S3_ACCESS_KEY_ID and ELC_S3_SECRET_ACCESS_KEY')
    }
    return new S3BlobStore({
      bucket,
      region,
      endpoint: url.searchParams.get('endpoint') ?? `https://s3.${region}.amazonaws.com`,
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
      ...(url.searchParams.has('prefix') ? { prefix: url.searchParams.get('prefix') ?? '' } : {}),
      maxBytes,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    })
  }
  throw blobStoreConfigInvalid(`unknown scheme ${url.protocol} (use file: or s3:)`)
}

function parseMaxBytes(value: string | null): number | undefined {
  if (value === null) return undefined
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1)
    throw blobStoreConfigInvalid('maxBytes must be a positive integer')
  return Number(value)
}
