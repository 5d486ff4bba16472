import { createHash, createPublicKey, verify } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { formatCheckpoint, openCheckpoint, signCheckpoint } from './checkpoint.ts'
import {
  addCosignatures,
  cosignatureMessage,
  cosignCheckpoint,
  generateWitnessKey,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  verifyCosignature,
} from './cosignature.ts'
import {
  formatKeyId,
  generateNoteKey,
  parseSignerKey,
  parseVerifierKey,
  SIGNATURE_TYPE_COSIGNATURE_V1,
} from './keys.ts'
import { addSignatureLines, formatSignatureLine, parseNote } from './signed-note.ts'
import { codeOf } from './test-support.ts'

const seed = (label: string) => createHash('sha256').update(label).digest()

// c2sp.org/tlog-cosignature: the example checkpoint, its witness line and the signed-message example.
const SPEC_TEXT = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'
const SPEC_NOTE = `${SPEC_TEXT}
\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==
`
const SPEC_TIME = 1679315147
const SPEC_MESSAGE = `cosignature/v1
time 1679315147
example.com/behind-the-sofa
20852163
CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
`

const ORIGIN = 'elc.gov.vn/ledger'
const logKey = generateNoteKey(ORIGIN, seed('log'))
const logSigner = parseSignerKey(logKey.signerKey)
const logVerifier = parseVerifierKey(logKey.verifierKey)
const w1 = generateWitnessKey('witness.example/w1', seed('w1'))
const w2 = generateWitnessKey('nhan-chung.example/w2', seed('w2'))
const CP = { origin: ORIGIN, size: 1234n, rootHash: seed('root') }
const CP_TEXT = formatCheckpoint(CP)
const SIGNED = signCheckpoint(CP, [logSigner])
const T = new Date(SPEC_TIME * 1000)

function cosigned(time = T): string {
  return addCosignatures(SIGNED, [
    cosignCheckpoint(CP_TEXT, parseWitnessSignerKey(w1.signerKey), time),
    cosignCheckpoint(CP_TEXT, parseWitnessSignerKey(w2.signerKey), time),
  ])
}

/** The raw Ed25519 key and key ID of a verifier key string, decoded here without the code under test. */
function rawKey(vkey: string): { name: string; id: string; type: number; pub: Buffer } {
  const [name, id, ...rest] = vkey.split('+')
  const bytes = Buffer.from(rest.join('+'), 'base64')
  return { name: name as string, id: id as string, type: bytes[0] as number, pub: bytes.subarray(1) }
}

describe('cosignature/v1', () => {
  it('signs exactly the message of the spec example', () => {
    expect(Buffer.from(cosignatureMessage(SPEC_TEXT, BigInt(SPEC_TIME))).toString('utf8')).toBe(SPEC_MESSAGE)
  })

  it('frames the signature like the spec example: key ID, big-endian timestamp, 64 signature bytes', () => {
    const spec = parseNote(SPEC_NOTE).lines[1]
    expect(spec?.name).toBe('witness.example.com/w1')
    expect(formatKeyId(spec?.keyId as number)).toBe('8d66cf3f')
    expect(spec?.signature).toHaveLength(72)
    expect(Buffer.from(spec?.signature as Uint8Array).readBigUInt64BE(0)).toBe(BigInt(SPEC_TIME))

    const ours = cosignCheckpoint(SPEC_TEXT, parseWitnessSignerKey(w1.signerKey), T)
    const bytes = Buffer.from(ours.line.trimEnd().split(' ')[2] as string, 'base64')
    expect(bytes).toHaveLength(76)
    expect(bytes.subarray(4, 12).equals(Buffer.from(spec?.signature as Uint8Array).subarray(0, 8))).toBe(true)
  })

  it('keys carry type 0x04 and key ID SHA-256(name || 0x0A || 0x04 || key)[:4], computed here', () => {
    const { name, id, type, pub } = rawKey(w1.verifierKey)
    expect(type).toBe(SIGNATURE_TYPE_COSIGNATURE_V1)
    const want = createHash('sha256').update(`${name}\n`).update(Buffer.of(4)).update(pub).digest()
    expect(id).toBe(want.subarray(0, 4).toString('hex'))
    expect(w1.signerKey.startsWith(`PRIVATE+KEY+witness.example/w1+${id}+B`)).toBe(true)
    expect(parseWitnessVerifierKey(w1.verifierKey).keyId).toBe(Number.parseInt(id, 16))
  })

  it('the same Ed25519 key as a note key (0x01) and a witness key (0x04) has two key IDs', () => {
    const asNote = generateNoteKey('witness.example/w1', seed('w1'))
    expect(rawKey(asNote.verifierKey).pub.equals(rawKey(w1.verifierKey).pub)).toBe(true)
    expect(rawKey(asNote.verifierKey).id).not.toBe(rawKey(w1.verifierKey).id)
  })

  it('a cosignature verifies with node:crypto over the message built here from the spec wording', () => {
    const c = cosignCheckpoint(CP_TEXT, parseWitnessSignerKey(w1.signerKey), new Date(SPEC_TIME * 1000 + 999))
    expect(c.timestamp).toBe(BigInt(SPEC_TIME))
    const bytes = Buffer.from(c.line.trimEnd().split(' ')[2] as string, 'base64')
    const message = Buffer.from(`cosignature/v1\ntime ${bytes.readBigUInt64BE(4)}\n${CP_TEXT}`, 'utf8')
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), rawKey(w1.verifierKey).pub])
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' })
    expect(verify(null, message, key, bytes.subarray(12))).toBe(true)
    expect(bytes.readUInt32BE(0).toString(16).padStart(8, '0')).toBe(rawKey(w1.verifierKey).id)
  })

  it('adds witness lines after the log line; the log and each witness verify independently', () => {
    const note = cosigned()
    const lines = note
      .slice(CP_TEXT.length + 1)
      .trimEnd()
      .split('\n')
    expect(lines.map((l) => l.split(' ')[1])).toEqual([ORIGIN, 'witness.example/w1', 'nhan-chung.example/w2'])
    const opened = openCheckpoint(note, [logVerifier], { origin: ORIGIN })
    expect(opened.unverifiedCount).toBe(2)
    for (const w of [w1, w2]) {
      const v = verifyCosignature(note, parseWitnessVerifierKey(w.verifierKey), { now: T })
      expect(v).toMatchObject({ name: rawKey(w.verifierKey).name, timestamp: BigInt(SPEC_TIME), time: T })
      expect(v.checkpoint).toMatchObject({ origin: ORIGIN, size: 1234n })
    }
    // All at once: the log key and both witnesses.
    const all = [
      logVerifier,
      parseWitnessVerifierKey(w1.verifierKey),
      parseWitnessVerifierKey(w2.verifierKey),
    ]
    expect(openCheckpoint(note, all).verified).toHaveLength(3)
  })

  it('a newer cosignature from the same witness replaces the older line', () => {
    const later = cosignCheckpoint(
      CP_TEXT,
      parseWitnessSignerKey(w1.signerKey),
      new Date(T.getTime() + 60_000),
    )
    const note = addCosignatures(cosigned(), [later])
    expect(note.split('witness.example/w1')).toHaveLength(2)
    expect(verifyCosignature(note, parseWitnessVerifierKey(w1.verifierKey)).timestamp).toBe(
      BigInt(SPEC_TIME + 60),
    )
  })

  it('covers extension lines', () => {
    const withExt = { ...CP, extensions: ['ELC-Epoch: 7'] }
    const text = formatCheckpoint(withExt)
    const note = addCosignatures(signCheckpoint(withExt, [logSigner]), [
      cosignCheckpoint(text, parseWitnessSignerKey(w1.signerKey), T),
    ])
    expect(verifyCosignature(note, parseWitnessVerifierKey(w1.verifierKey)).checkpoint.extensions).toEqual([
      'ELC-Epoch: 7',
    ])
    const tampered = note.replace('ELC-Epoch: 7', 'ELC-Epoch: 8')
    expect(codeOf(() => verifyCosignature(tampered, parseWitnessVerifierKey(w1.verifierKey)))).toBe(
      'NOTE_BAD_SIGNATURE',
    )
  })

  describe('rejects', () => {
    const w1Verifier = parseWitnessVerifierKey(w1.verifierKey)
    const w1Signer = parseWitnessSignerKey(w1.signerKey)

    /** The note with w1's line replaced by one built from `bytes` (key ID || timestamp || signature). */
    function withW1Bytes(note: string, edit: (bytes: Buffer) => Buffer): string {
      const { lines } = parseNote(note)
      const line = lines.find((l) => l.name === 'witness.example/w1')
      const bytes = Buffer.concat([Buffer.alloc(4), Buffer.from(line?.signature as Uint8Array)])
      bytes.writeUInt32BE(w1Verifier.keyId, 0)
      const edited = edit(bytes)
      return addSignatureLines(note, [
        formatSignatureLine('witness.example/w1', w1Verifier.keyId, edited.subarray(4)),
      ])
    }

    it('a changed timestamp (it is signed)', () => {
      const note = withW1Bytes(cosigned(), (b) => {
        b.writeBigUInt64BE(BigInt(SPEC_TIME + 1), 4)
        return b
      })
      expect(codeOf(() => verifyCosignature(note, w1Verifier))).toBe('NOTE_BAD_SIGNATURE')
    })

    it('a flipped signature bit', () => {
      const note = withW1Bytes(cosigned(), (b) => {
        b[40] = (b[40] as number) ^ 0x80
        return b
      })
      expect(codeOf(() => verifyCosignature(note, w1Verifier))).toBe('NOTE_BAD_SIGNATURE')
    })

    it('a signature without the timestamp (a plain 0x01-style signature under the witness key ID)', () => {
      const note = withW1Bytes(cosigned(), (b) => Buffer.concat([b.subarray(0, 4), b.subarray(12)]))
      expect(codeOf(() => verifyCosignature(note, w1Verifier))).toBe('NOTE_BAD_SIGNATURE')
    })

    it('a timestamp of 2^63, even when validly signed', () => {
      const t = 2n ** 63n
      const sig = w1Signer.signMessage(cosignatureMessage(CP_TEXT, t))
      const note = withW1Bytes(cosigned(), (b) => {
        const out = Buffer.concat([b.subarray(0, 12), Buffer.from(sig)])
        out.writeBigUInt64BE(t, 4)
        return out
      })
      expect(codeOf(() => verifyCosignature(note, w1Verifier))).toBe('NOTE_BAD_SIGNATURE')
    })

    it('a timestamp in the future, when the caller gives the time', () => {
      const note = cosigned(new Date(T.getTime() + 1000))
      expect(codeOf(() => verifyCosignature(note, w1Verifier, { now: T }))).toBe('COSIGNATURE_FROM_FUTURE')
      expect(verifyCosignature(note, w1Verifier, { now: new Date(T.getTime() + 1000) }).timestamp).toBe(
        BigInt(SPEC_TIME + 1),
      )
    })

    it('a note without that witness', () => {
      expect(codeOf(() => verifyCosignature(SIGNED, w1Verifier))).toBe('NOTE_NO_VERIFIED_SIGNATURE')
      const other = parseWitnessVerifierKey(
        generateWitnessKey('witness.example/w1', seed('w1 new')).verifierKey,
      )
      expect(codeOf(() => verifyCosignature(cosigned(), other))).toBe('NOTE_UNKNOWN_KEY')
    })

    it('a cosignature over another checkpoint', () => {
      const c = cosignCheckpoint(formatCheckpoint({ ...CP, size: 1235n }), w1Signer, T)
      expect(codeOf(() => addCosignatures(SIGNED, [c]))).toBe('COSIGNATURE_WRONG_CHECKPOINT')
      const forced = addSignatureLines(SIGNED, [c.line])
      expect(codeOf(() => verifyCosignature(forced, w1Verifier))).toBe('NOTE_BAD_SIGNATURE')
    })

    it('a log key given as the witness key, and keys of the wrong type', () => {
      expect(codeOf(() => verifyCosignature(cosigned(), logVerifier))).toBe('COSIGNATURE_WRONG_KEY_TYPE')
      expect(codeOf(() => parseVerifierKey(w1.verifierKey))).toBe('KEY_UNSUPPORTED_TYPE')
      expect(codeOf(() => parseSignerKey(w1.signerKey))).toBe('KEY_UNSUPPORTED_TYPE')
      expect(codeOf(() => parseWitnessVerifierKey(logKey.verifierKey))).toBe('KEY_UNSUPPORTED_TYPE')
      expect(codeOf(() => parseWitnessSignerKey(logKey.signerKey))).toBe('KEY_UNSUPPORTED_TYPE')
    })

    it('cosigning what is not a checkpoint, or at a time that is not one', () => {
      expect(codeOf(() => cosignCheckpoint('hello\n', w1Signer, T))).toBe('CHECKPOINT_MALFORMED')
      expect(codeOf(() => cosignCheckpoint(`${ORIGIN}\n-1\n${CP_TEXT.split('\n')[2]}\n`, w1Signer, T))).toBe(
        'CHECKPOINT_BAD_SIZE',
      )
      expect(codeOf(() => cosignCheckpoint(CP_TEXT, w1Signer, new Date(Number.NaN)))).toBe(
        'COSIGNATURE_BAD_TIME',
      )
      expect(codeOf(() => cosignCheckpoint(CP_TEXT, w1Signer, new Date(-1000)))).toBe('COSIGNATURE_BAD_TIME')
      expect(codeOf(() => verifyCosignature(cosigned(), w1Verifier, { now: new Date(Number.NaN) }))).toBe(
        'COSIGNATURE_BAD_TIME',
      )
    })
  })
})
