// Shared by this directory's tests only: the public vectors and a way to read an error's code.
import { readFileSync } from 'node:fs'
import { NoteError, type NoteErrorCode } from './errors.ts'

export interface NoteVector {
  name: string
  source?: string
  skey?: string
  vkey: string
  note: string
  treeSize?: number
  rootHex?: string
  rootBase64?: string
  valid: boolean
}

/** ../shared/vectors/merkle/signed-notes-checkpoints.json beside the repository (see shared/README.md). */
export function loadNoteVectors(): NoteVector[] {
  const url = new URL('../../../../../shared/vectors/merkle/signed-notes-checkpoints.json', import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as { vectors: NoteVector[] }).vectors
}

/** The NoteError code fn throws, or 'no error'; anything else thrown is rethrown (a bug, so the test fails). */
export function codeOf(fn: () => unknown): NoteErrorCode | 'no error' {
  try {
    fn()
    return 'no error'
  } catch (e) {
    if (e instanceof NoteError) return e.code
    throw e
  }
}

/** The text of a signed note: everything up to and including the newline before the last blank line. */
export function textOf(note: string): string {
  return note.slice(0, note.lastIndexOf('\n\n') + 1)
}
