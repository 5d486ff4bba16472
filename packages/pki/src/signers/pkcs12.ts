// Loads a key and its certificates from a PKCS#12 file (as `openssl pkcs12 -export` writes it: PBES2 with
// AES-256-CBC and PBKDF2-HMAC-SHA256, HMAC-SHA256 integrity; older PBE schemes as far as pkijs reads them).
import { createPrivateKey, createPublicKey, webcrypto, X509Certificate } from 'node:crypto'
import { ElcError, text } from '@elc/core'
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'

const KEY_BAG = '1.2.840.113549.1.12.10.1.1'
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2'
const CERT_BAG = '1.2.840.113549.1.12.10.1.3'
const LOCAL_KEY_ID = '1.2.840.113549.1.9.21'

export interface Pkcs12Contents {
  /** Non-extractable: ECDSA for EC keys, RSA-PSS for RSA keys. */
  privateKey: webcrypto.CryptoKey
  /** The certificate of the private key, DER. */
  certificate: Uint8Array
  /** The other certificates, issuer first where they chain. */
  chain: Uint8Array[]
}

function malformed(cause: unknown): ElcError {
  return new ElcError(
    'PKCS12_MALFORMED',
    text('Tệp PKCS#12 (.p12/.pfx) không đọc được.', 'The PKCS#12 (.p12/.pfx) file cannot be read.'),
    { cause },
  )
}

function wrongPassword(cause?: unknown): ElcError {
  return new ElcError(
    'PKCS12_PASSWORD_WRONG',
    text('Mật khẩu của tệp PKCS#12 không đúng.', 'Wrong password for the PKCS#12 file.'),
    { cause, status: 401 },
  )
}

const buffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer

function localKeyId(bag: pkijs.SafeBag): string | undefined {
  const attr = bag.bagAttributes?.find((a) => a.type === LOCAL_KEY_ID)
  const value = attr?.values[0]
  return value instanceof asn1js.OctetString
    ? Buffer.from(value.valueBlock.valueHexView).toString('hex')
    : undefined
}

export async function loadPkcs12(bytes: Uint8Array, password: string): Promise<Pkcs12Contents> {
  const pw = buffer(new TextEncoder().encode(password.normalize('NFC')))
  let pfx: pkijs.PFX
  try {
    pfx = pkijs.PFX.fromBER(buffer(bytes))
  } catch (cause) {
    throw malformed(cause)
  }
  const keys: { pkcs8: Uint8Array; id?: string }[] = []
  const certs: { der: Uint8Array; id?: string }[] = []
  try {
    await pfx.parseInternalValues({ password: pw, checkIntegrity: true })
  } catch (cause) {
    throw /integrity/i.test(String(cause)) ? wrongPassword(cause) : malformed(cause)
  }
  try {
    const authSafe = pfx.parsedValue?.authenticatedSafe
    if (!authSafe) throw new Error('no authenticated safe')
    await authSafe.parseInternalValues({ safeContents: authSafe.safeContents.map(() => ({ password: pw })) })
    for (const contents of authSafe.parsedValue.safeContents ?? []) {
      for (const bag of contents.value.safeBags) {
        const id = localKeyId(bag)
        if (bag.bagId === SHROUDED_KEY_BAG) {
          const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag
          // Public in pkijs's JavaScript, protected only in its typings.
          await (
            shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }
          ).parseInternalValues({ password: pw })
          const info = shrouded.parsedValue as pkijs.PrivateKeyInfo
          keys.push({ pkcs8: new Uint8Array(info.toSchema().toBER()), ...(id ? { id } : {}) })
        } else if (bag.bagId === KEY_BAG) {
          keys.push({
            pkcs8: new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER()),
            ...(id ? { id } : {}),
          })
        } else if (bag.bagId === CERT_BAG) {
          // The certificate's own bytes, not a re-encoding of pkijs's parse.
          const certBag = bag.bagValue as pkijs.CertBag
          if (
            certBag.parsedValue instanceof pkijs.Certificate &&
            certBag.certValue instanceof asn1js.OctetString
          )
            certs.push({
              der: new Uint8Array(certBag.certValue.valueBlock.valueHexView),
              ...(id ? { id } : {}),
            })
        }
      }
    }
  } catch (cause) {
    // Integrity passed, so a failed decryption means a second, different password: still the password.
    throw /decrypt|operation-specific/i.test(String(cause)) ? wrongPassword(cause) : malformed(cause)
  }
  const [key, ...more] = keys
  if (!key || more.length > 0)
    throw new ElcError(
      'PKCS12_KEY_COUNT',
      text(
        `Tệp PKCS#12 phải chứa đúng một khóa bí mật (có ${keys.length}).`,
        `The PKCS#12 file must hold exactly one private key (it holds ${keys.length}).`,
      ),
    )
  const keyObject = createPrivateKey({ key: Buffer.from(key.pkcs8), format: 'der', type: 'pkcs8' })
  const spki = createPublicKey(keyObject).export({ type: 'spki', format: 'der' })
  const leaf =
    certs.find((c) => key.id && c.id === key.id) ??
    certs.find((c) =>
      new X509Certificate(c.der).publicKey.export({ type: 'spki', format: 'der' }).equals(spki),
    )
  if (!leaf)
    throw new ElcError(
      'PKCS12_CERTIFICATE_MISSING',
      text(
        'Tệp PKCS#12 không có chứng thư số của khóa bí mật.',
        'The PKCS#12 file has no certificate for its private key.',
      ),
    )
  return {
    privateKey: await importKey(keyObject, key.pkcs8),
    certificate: leaf.der,
    chain: orderChain(
      leaf.der,
      certs.filter((c) => c !== leaf).map((c) => c.der),
    ),
  }
}

async function importKey(
  key: ReturnType<typeof createPrivateKey>,
  pkcs8: Uint8Array,
): Promise<webcrypto.CryptoKey> {
  const type = key.asymmetricKeyType
  if (type === 'ec') {
    const namedCurve = key.asymmetricKeyDetails?.namedCurve
    const curve = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[namedCurve ?? '']
    if (curve)
      return webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: curve }, false, ['sign'])
  }
  if (type === 'rsa' || type === 'rsa-pss')
    return webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign'])
  throw new ElcError(
    'SIGNING_KEY_UNSUPPORTED',
    text(
      `Khóa trong tệp PKCS#12 không được hỗ trợ (${type}); chỉ ECDSA P-256/P-384/P-521 hoặc RSA.`,
      `The PKCS#12 key is not supported (${type}); only ECDSA P-256/P-384/P-521 or RSA.`,
    ),
    { ruleId: 'R2.30' },
  )
}

/** Issuer of the leaf first, then its issuer, …; certificates outside the chain go last, as found. */
function orderChain(leaf: Uint8Array, others: Uint8Array[]): Uint8Array[] {
  const remaining = others.map((der) => ({ der, cert: new X509Certificate(der) }))
  const ordered: Uint8Array[] = []
  let current = new X509Certificate(leaf)
  for (;;) {
    const next = remaining.findIndex((c) => current.checkIssued(c.cert) && !ordered.includes(c.der))
    if (next < 0) break
    const [found] = remaining.splice(next, 1)
    if (!found) break
    ordered.push(found.der)
    if (found.cert.checkIssued(found.cert)) break
    current = found.cert
  }
  return [...ordered, ...remaining.map((c) => c.der)]
}
