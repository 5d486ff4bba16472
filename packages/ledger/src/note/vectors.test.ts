// Every vector in shared/vectors/merkle/signed-notes-checkpoints.json: made by Go's sumdb/note, the C2SP
// spec and a real Rekor v2 log, so the expected values come from outside this code.
import { describe, expect, it } from 'vitest'
import { openCheckpoint } from './checkpoint.ts'
import { parseSignerKey, parseVerifierKey } from './keys.ts'
import { openNote, signNote } from './signed-note.ts'
import { codeOf, loadNoteVectors, textOf } from './test-support.ts'

const vectors = loadNoteVectors()

describe('shared signed-note and checkpoint vectors', () => {
  it('the file holds the six vectors described in shared/README.md, one of them invalid', () => {
    expect(vectors).toHaveLength(6)
    expect(vectors.filter((v) => !v.valid)).toHaveLength(1)
  })

  it.each(vectors.filter((v) => v.valid).map((v) => [v.name, v] as const))('opens: %s', (_, v) => {
    const verifier = parseVerifierKey(v.vkey)
    const [name, hash] = v.vkey.split('+')
    expect(verifier.name).toBe(name)
    expect(verifier.keyId).toBe(Number.parseInt(hash as string, 16))

    const opened = openNote(v.note, [verifier])
    expect(opened.text).toBe(textOf(v.note))
    expect(opened.verified.map((s) => [s.name, s.keyId])).toEqual([[name, verifier.keyId]])
    expect(opened.unverifiedCount).toBe(0)
    // The same bytes in, the same answer out.
    expect(openNote(new TextEncoder().encode(v.note), [verifier]).text).toBe(opened.text)
  })

  it.each(vectors.filter((v) => v.valid && v.treeSize !== undefined).map((v) => [v.name, v] as const))(
    'parses the checkpoint: %s',
    (_, v) => {
      const { checkpoint } = openCheckpoint(v.note, [parseVerifierKey(v.vkey)])
      expect(checkpoint.size).toBe(BigInt(v.treeSize as number))
      const root = Buffer.from(checkpoint.rootHash)
      if (v.rootHex) expect(root.toString('hex')).toBe(v.rootHex)
      if (v.rootBase64) expect(root.toString('base64')).toBe(v.rootBase64)
      expect(checkpoint.origin).toBe(v.note.split('\n')[0])
      expect(checkpoint.extensions).toEqual([])
    },
  )

  // Ed25519 is deterministic, so signing Go's text with Go's key must give Go's note byte for byte.
  it.each(vectors.filter((v) => v.skey).map((v) => [v.name, v] as const))(
    're-signs identically: %s',
    (_, v) => {
      const signer = parseSignerKey(v.skey as string)
      expect(signNote(textOf(v.note), [signer])).toBe(v.note)
    },
  )

  it.each(vectors.filter((v) => !v.valid).map((v) => [v.name, v] as const))('rejects: %s', (_, v) => {
    // The tampered vector keeps a signature line from the known key, so it is a bad signature, not unknown.
    expect(codeOf(() => openNote(v.note, [parseVerifierKey(v.vkey)]))).toBe('NOTE_BAD_SIGNATURE')
    expect(codeOf(() => openCheckpoint(v.note, [parseVerifierKey(v.vkey)]))).toBe('NOTE_BAD_SIGNATURE')
  })
})
