// Distinguished names as Vietnamese public CAs write them. Identifiers go in the UID attribute
// (0.9.2342.19200300.100.1.1) as "CCCD:<12 digits>" for a person and "MST:<tax code>" for an
// organisation: that is where VNPT-CA, Viettel-CA and others put them, so verifiers written
// against real certificates find them in the same place. Names are UTF8String and NFC.

import { ElcError, text } from '@elc/core'
import * as x509 from './x509.ts'

export const UID_OID = '0.9.2342.19200300.100.1.1'

type Rdn = Record<string, x509.JsonAttributeObject[]>

function utf8(type: string, value: string): Rdn {
  return { [type]: [{ utf8String: value }] }
}

function printable(type: string, value: string): Rdn {
  return { [type]: [{ printableString: value }] }
}

/** NFC, trimmed, 1–64 characters (RFC 5280's ub-common-name). */
export function cleanName(value: unknown, field: string): string {
  const name = typeof value === 'string' ? value.normalize('NFC').trim().replace(/\s+/g, ' ') : ''
  if (name.length === 0 || name.length > 64)
    throw new ElcError(
      'CA_NAME_INVALID',
      text(
        `Trường ${field} phải có từ 1 đến 64 ký tự.`,
        `The field ${field} must be between 1 and 64 characters.`,
      ),
    )
  return name
}

export function cleanPersonalId(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{12}$/.test(value))
    throw new ElcError(
      'CA_PERSONAL_ID_INVALID',
      text(
        'Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.',
        'The personal ID number must be exactly 12 digits.',
      ),
    )
  return value
}

export function cleanTaxCode(value: unknown): string {
  // 10 digits, or 10 digits + "-" + 3 for a dependent unit (branch).
  if (typeof value !== 'string' || !/^\d{10}(-\d{3})?$/.test(value))
    throw new ElcError(
      'CA_TAX_CODE_INVALID',
      text(
        'Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu "-" và 3 chữ số.',
        'The tax code must be 10 digits, or 10 digits, "-" and 3 digits.',
      ),
    )
  return value
}

export function personName(fullName: string, personalId: string): x509.Name {
  return new x509.Name([
    printable('C', 'VN'),
    utf8('CN', fullName),
    { [UID_OID]: [{ utf8String: `CCCD:${personalId}` }] },
  ])
}

export function organisationName(name: string, taxCode: string): x509.Name {
  return new x509.Name([
    printable('C', 'VN'),
    utf8('O', name),
    utf8('CN', name),
    { [UID_OID]: [{ utf8String: `MST:${taxCode}` }] },
  ])
}

/** A CA's or a service's own name: organisation and common name, both UTF8String. */
export function authorityName(organisation: string, commonName: string): x509.Name {
  return new x509.Name([printable('C', 'VN'), utf8('O', organisation), utf8('CN', commonName)])
}
