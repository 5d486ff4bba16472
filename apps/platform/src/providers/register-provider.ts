// A Platform administrator registers an eContract provider; its connection agreement starts pending.
import { randomUUID } from 'node:crypto'
import { providerRequestInvalid, providerTaxCodeTaken } from './errors.ts'
import type { AgreementRecord, ProviderRecord, ProvidersRepo } from './providers-repo.ts'

export interface ProviderInput {
  name: string
  taxCode: string
  website: string
  serviceName: string
  supportContact: string
  feeScheduleUrl: string
  termsUrl: string
  agreementReference?: string
}

const TAX_CODE = /^[0-9]{10}(-[0-9]{3})?$/

export async function registerProvider(
  repo: ProvidersRepo,
  input: ProviderInput,
  by: string,
  now: Date,
): Promise<{ provider: ProviderRecord; agreement: AgreementRecord }> {
  if (!TAX_CODE.test(input.taxCode))
    throw providerRequestInvalid(
      'mã số thuế gồm 10 chữ số, hoặc 10-3 cho đơn vị trực thuộc',
      'the tax code is 10 digits, or 10-3 for a unit',
    )
  for (const field of ['website', 'feeScheduleUrl', 'termsUrl'] as const)
    if (!isWebUrl(input[field]))
      throw providerRequestInvalid(`${field} phải là địa chỉ http(s)`, `${field} must be an http(s) URL`)
  if (await repo.providerByTaxCode(input.taxCode)) throw providerTaxCodeTaken()
  const provider = {
    id: randomUUID(),
    name: input.name.normalize('NFC').trim(),
    taxCode: input.taxCode,
    website: input.website,
    serviceName: input.serviceName.normalize('NFC').trim(),
    supportContact: input.supportContact.normalize('NFC').trim(),
    feeScheduleUrl: input.feeScheduleUrl,
    termsUrl: input.termsUrl,
  }
  try {
    await repo.insertProvider(
      { ...provider, createdAt: now, createdBy: by },
      { id: randomUUID(), reference: input.agreementReference ?? null },
    )
  } catch (e) {
    // Two registrations of one tax code at once: the unique constraint decides.
    if (await repo.providerByTaxCode(input.taxCode)) throw providerTaxCodeTaken()
    throw e
  }
  const agreement = await repo.agreement(provider.id)
  if (!agreement) throw new Error('the connection agreement was not stored')
  return { provider: { ...provider, createdAt: now }, agreement }
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}
