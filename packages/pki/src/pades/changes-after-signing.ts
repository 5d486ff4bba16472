// What changed after a signature (ETSI EN 319 142-1 §5.4, ISO 32000-1 §12.8.2.2). Allowed: validation
// data (DSS), later signatures and document timestamps with their fields and widgets, filling form
// fields, and document metadata. Anything else that an existing object gains or loses (page content,
// fonts, resources, other annotations that could hide or replace text, the page tree) makes the
// signature invalid for the document as it now is.

import { isName, PdfDict, type PdfObject, PdfRef, PdfStream } from '../pdf/objects.ts'
import { changedKeys, objectsEqual } from '../pdf/objects-equal.ts'
import { PdfDocument } from '../pdf/pdf-document.ts'
import { PdfError } from '../pdf/pdf-error.ts'

export type AllowedChange = 'dss' | 'signature' | 'form-field' | 'metadata'

export interface DisallowedChange {
  objectNumber: number
  /** What the object was in the signed revision. */
  role: 'catalog' | 'page' | 'form' | 'annotations' | 'field' | 'object'
  detail: string
}

export interface ChangesAfterSigning {
  allowed: AllowedChange[]
  disallowed: DisallowedChange[]
}

const CATALOG_ALLOWED = new Set(['DSS', 'AcroForm', 'Extensions'])
const FORM_ALLOWED = new Set(['Fields', 'SigFlags', 'DR', 'DA'])
const FIELD_ALLOWED = new Set(['V', 'AP', 'AS'])

export function changesAfterSigning(full: PdfDocument, signedEnd: number): ChangesAfterSigning {
  const result: ChangesAfterSigning = { allowed: [], disallowed: [] }
  const later = full.sections.filter((s) => s.offset >= signedEnd)
  if (later.length === 0) return result
  let signed: PdfDocument
  try {
    signed = PdfDocument.parse(full.bytes.subarray(0, signedEnd), full)
  } catch (e) {
    const detail = e instanceof PdfError ? e.message : 'unreadable'
    result.disallowed.push({
      objectNumber: 0,
      role: 'object',
      detail: `signed revision unreadable: ${detail}`,
    })
    return result
  }
  const check = new Check(full, signed, result)
  const changed = new Set<number>()
  for (const section of later) for (const num of section.entries.keys()) changed.add(num)
  for (const num of [...changed].sort((a, b) => a - b)) check.object(num)
  result.allowed = [...check.allowed]
  return result
}

/** The comparison of one signed revision with the full file, one changed object at a time. */
class Check {
  readonly allowed = new Set<AllowedChange>()
  readonly #roles: Roles
  num = 0

  constructor(
    readonly full: PdfDocument,
    readonly signed: PdfDocument,
    readonly result: ChangesAfterSigning,
  ) {
    this.#roles = rolesOf(signed)
  }

  deny(role: DisallowedChange['role'], detail: string): void {
    this.result.disallowed.push({ objectNumber: this.num, role, detail })
  }

  object(num: number): void {
    const { signed, full } = this
    const before = signed.getObject(num)
    const after = full.getObject(num)
    if (before === null) return // new objects count only where an existing object points at them
    if (objectsEqual(before, after)) return
    if (isContainer(before)) return
    this.num = num
    const roles = this.#roles
    if (num === roles.catalog) {
      const keys = changedKeys(asDict(before), asDict(after))
      const bad = keys.filter((k) => !CATALOG_ALLOWED.has(k))
      if (bad.length) this.deny('catalog', `catalog changed: ${bad.join(', ')}`)
      if (keys.includes('DSS')) this.allowed.add('dss')
      if (keys.includes('AcroForm')) this.form(asDict(before).get('AcroForm'), asDict(after).get('AcroForm'))
    } else if (num === roles.form) {
      this.form(before, after)
    } else if (roles.pages.has(num)) {
      const keys = changedKeys(asDict(before), asDict(after))
      const bad = keys.filter((k) => k !== 'Annots')
      if (bad.length) this.deny('page', `page changed: ${bad.join(', ')}`)
      if (keys.includes('Annots'))
        this.growth('annotations', asDict(before).get('Annots'), asDict(after).get('Annots'))
    } else if (roles.annotArrays.has(num)) {
      this.growth('annotations', before, after)
    } else if (num === roles.fieldsArray) {
      this.growth('form', before, after)
    } else if (roles.fields.has(num)) {
      const keys = changedKeys(asDict(before), asDict(after))
      const bad = keys.filter((k) => !FIELD_ALLOWED.has(k))
      if (bad.length) this.deny('field', `form field changed: ${bad.join(', ')}`)
      else
        this.allowed.add(isName(signed.resolve(asDict(before).get('FT')), 'Sig') ? 'signature' : 'form-field')
    } else if (roles.dss.has(num)) {
      this.allowed.add('dss')
    } else if (num === roles.info) {
      this.allowed.add('metadata')
    } else {
      this.deny('object', describe(before))
    }
  }

  form(old: PdfObject | undefined, now: PdfObject | undefined): void {
    const a = this.signed.dict(old) ?? new PdfDict()
    const b = this.full.dict(now) ?? new PdfDict()
    const keys = changedKeys(a, b)
    const bad = keys.filter((k) => !FORM_ALLOWED.has(k))
    if (bad.length) this.deny('form', `form changed: ${bad.join(', ')}`)
    if (keys.includes('Fields')) this.growth('form', a.get('Fields'), b.get('Fields'))
  }

  /** An array of references may only gain entries, and each new one must be a signature field or widget. */
  growth(role: DisallowedChange['role'], old: PdfObject | undefined, now: PdfObject | undefined): void {
    const a = refs(this.signed.resolve(old))
    const b = refs(this.full.resolve(now))
    if (!a.every((r) => b.includes(r))) {
      this.deny(role, `${role === 'form' ? 'form fields' : 'annotations'} removed`)
      return
    }
    for (const added of b) {
      if (a.includes(added)) continue
      const dict = this.full.dict(new PdfRef(added, 0))
      if (dict && isSignatureWidget(this.full, dict)) this.allowed.add('signature')
      else this.deny(role, `added ${describe(dict ?? null)} that is not a signature`)
    }
  }
}

interface Roles {
  catalog: number
  form?: number
  fieldsArray?: number
  info?: number
  pages: Set<number>
  annotArrays: Set<number>
  fields: Set<number>
  dss: Set<number>
}

function rolesOf(doc: PdfDocument): Roles {
  const catalog = doc.catalog
  const pages = doc.pages()
  const roles: Roles = {
    catalog: doc.catalogRef.num,
    pages: new Set(pages.map((p) => p.ref.num)),
    annotArrays: new Set(),
    fields: new Set(doc.fields().map((f) => f.ref.num)),
    dss: new Set(),
  }
  const info = doc.trailer.get('Info')
  if (info instanceof PdfRef) roles.info = info.num
  const form = catalog.get('AcroForm')
  if (form instanceof PdfRef) roles.form = form.num
  const fields = doc.acroForm()?.get('Fields')
  if (fields instanceof PdfRef) roles.fieldsArray = fields.num
  for (const page of pages) {
    const annots = page.dict.get('Annots')
    if (annots instanceof PdfRef) roles.annotArrays.add(annots.num)
  }
  // The DSS and everything it holds may be rewritten by a later B-LT / B-LTA step.
  walkRefs(doc, catalog.get('DSS'), 0, roles.dss)
  return roles
}

function walkRefs(doc: PdfDocument, value: PdfObject | undefined, depth: number, into: Set<number>): void {
  if (depth > 6) return
  if (value instanceof PdfRef) {
    if (into.has(value.num)) return
    into.add(value.num)
    walkRefs(doc, doc.getObject(value.num), depth + 1, into)
  } else if (Array.isArray(value)) for (const v of value) walkRefs(doc, v, depth + 1, into)
  else if (value instanceof PdfDict) for (const v of value.entries.values()) walkRefs(doc, v, depth + 1, into)
}

function isSignatureWidget(doc: PdfDocument, dict: PdfDict): boolean {
  const ft = doc.resolve(dict.get('FT')) ?? doc.dict(dict.get('Parent'))?.get('FT')
  return isName(ft, 'Sig')
}

/** Xref and object streams are storage, not content; their objects are compared one by one. */
function isContainer(value: PdfObject): boolean {
  return (
    value instanceof PdfStream &&
    (isName(value.dict.get('Type'), 'XRef') || isName(value.dict.get('Type'), 'ObjStm'))
  )
}

function refs(value: PdfObject): number[] {
  return Array.isArray(value) ? value.filter((v): v is PdfRef => v instanceof PdfRef).map((r) => r.num) : []
}

function asDict(value: PdfObject): PdfDict {
  return value instanceof PdfDict ? value : value instanceof PdfStream ? value.dict : new PdfDict()
}

function describe(value: PdfObject): string {
  const dict = value instanceof PdfDict ? value : value instanceof PdfStream ? value.dict : undefined
  const type = dict?.get('Type')
  const subtype = dict?.get('Subtype')
  if (isName(subtype) && isName(type, 'Annot')) return `a ${subtype.value} annotation`
  if (isName(subtype)) return `a ${subtype.value} ${isName(type) ? type.value : 'object'}`
  if (isName(type)) return `a ${type.value} object`
  if (value instanceof PdfStream) return 'a content stream or other stream'
  return 'an object'
}
