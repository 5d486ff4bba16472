import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ElcError } from '@elc/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseCertificate } from './certificate.ts'
import { makeCert, type TestCert } from './testing/test-certs.ts'
import { TrustStore } from './trust-store.ts'
import * as x509 from './x509.ts'

const DAY = 86_400_000
let root: TestCert
let ca: TestCert
let leaf: TestCert

beforeAll(async () => {
  root = await makeCert({ name: 'CN=Root, C=VN', ca: true, pathLength: 1 })
  ca = await makeCert({ name: 'CN=Issuing CA, C=VN', issuer: root, ca: true, pathLength: 0 })
  leaf = await makeCert({
    name: 'CN=Nguyễn Văn An, C=VN',
    issuer: ca,
    ca: false,
    keyUsage: x509.KeyUsageFlags.digitalSignature,
  })
})

const c = (t: TestCert) => parseCertificate(t.der)

describe('TrustStore (R2.17, R2.24)', () => {
  it('loads anchors from DER, PEM text, PEM files and URLs; adds and removes them', async () => {
    expect(TrustStore.fromBytes(root.der).anchors()).toHaveLength(1)
    const pem = `${root.cert.toString('pem')}\n${ca.cert.toString('pem')}`
    expect(TrustStore.fromBytes(pem).anchors()).toHaveLength(2)
    const dir = await mkdtemp(join(tmpdir(), 'elc-trust-'))
    await writeFile(join(dir, 'root.pem'), root.cert.toString('pem'))
    const fromFile = await TrustStore.fromFiles([join(dir, 'root.pem')])
    expect(fromFile.isAnchor(c(root))).toBe(true)
    const fromUrl = await TrustStore.fromUrls(['http://ca.test/root.crt'], {
      fetch: async () => new Response(root.der),
    })
    expect(fromUrl.isAnchor(c(root))).toBe(true)
    await expect(
      TrustStore.fromUrls(['http://ca.test/missing.crt'], {
        fetch: async () => new Response('', { status: 404 }),
      }),
    ).rejects.toBeInstanceOf(ElcError)
    expect(fromFile.remove(c(root))).toBe(true)
    expect(fromFile.anchors()).toHaveLength(0)
    expect(() => fromFile.add('not a certificate')).toThrow(ElcError)
  })

  it('builds leaf → CA → root from a pool in any order and checks every signature', () => {
    const store = TrustStore.fromBytes(root.der)
    const r = store.validatePath(c(leaf), [c(root), c(ca)], new Date())
    expect(r.status).toBe('trusted')
    expect(r.chain.map((x) => x.subject)).toEqual([c(leaf).subject, c(ca).subject, c(root).subject])
    expect(store.verifiedPairs).toBe(2)
    // The same chain again: the (issuer, subject) pairs come from the cache.
    store.validatePath(c(leaf), [c(ca)], new Date())
    expect(store.verifiedPairs).toBe(2)
  })

  it('reports an untrusted root when no anchor is reachable', () => {
    const r = TrustStore.fromBytes(root.der).validatePath(c(leaf), [], new Date())
    expect(r).toMatchObject({ status: 'untrusted-root', trusted: false })
  })

  it('reports a broken signature when a certificate was not signed by its named issuer', async () => {
    const forged = await makeCert({ name: 'CN=Forged, C=VN', issuer: ca, signWith: root.keys, ca: false })
    const r = TrustStore.fromBytes(root.der).validatePath(c(forged), [c(ca)], new Date())
    expect(r.status).toBe('broken-signature')
  })

  it('checks validity of every certificate at the time of interest (R2.26)', () => {
    const store = TrustStore.fromBytes(root.der)
    expect(store.validatePath(c(leaf), [c(ca)], new Date(Date.now() + 400 * DAY)).status).toBe('expired')
    expect(store.validatePath(c(leaf), [c(ca)], new Date(Date.now() - 2 * DAY)).status).toBe('not-yet-valid')
  })

  it('requires cA, keyCertSign and pathLen on issuers', async () => {
    const notCa = await makeCert({ name: 'CN=Not a CA, C=VN', issuer: root, ca: false })
    const underNotCa = await makeCert({ name: 'CN=Under, C=VN', issuer: notCa, ca: false })
    const store = TrustStore.fromBytes(root.der)
    expect(store.validatePath(c(underNotCa), [c(notCa)], new Date()).status).toBe('not-a-ca')

    const noSign = await makeCert({
      name: 'CN=No keyCertSign, C=VN',
      issuer: root,
      ca: true,
      keyUsage: x509.KeyUsageFlags.digitalSignature,
    })
    const underNoSign = await makeCert({ name: 'CN=Under 2, C=VN', issuer: noSign, ca: false })
    expect(store.validatePath(c(underNoSign), [c(noSign)], new Date()).status).toBe('no-key-cert-sign')

    // ca has pathLen 0: a CA under it may not issue.
    const sub = await makeCert({ name: 'CN=Sub CA, C=VN', issuer: ca, ca: true })
    const underSub = await makeCert({ name: 'CN=Under 3, C=VN', issuer: sub, ca: false })
    expect(store.validatePath(c(underSub), [c(sub), c(ca)], new Date()).status).toBe('path-too-long')
  })

  it('trusts a leaf that is itself an anchor', () => {
    expect(TrustStore.fromBytes(leaf.der).validatePath(c(leaf), [], new Date()).status).toBe('trusted')
  })
})
