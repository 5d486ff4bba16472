// What the Platform records about a contract at decision time, beside its encrypted data, so that
// officials' access (by workplace province) and the Ministry's statistics need no decryption. None of it
// is personal data: province codes and the kind of term.
import { provinceCode } from './provinces.ts'

export interface ContractFacts {
  /** Province codes of the workplaces, first (principal) workplace first, without repeats. */
  provinces: string[]
  termType: 'indefinite' | 'definite' | null
}

/** From a submission's data, which may be a contract or a paper conversion holding one, or unusable. */
export function contractFacts(data: unknown): ContractFacts {
  const doc = data as { kind?: unknown; contract?: unknown } | null
  const contract = (doc?.kind === 'paper_conversion' ? doc.contract : doc) as {
    workplaces?: unknown
    term?: { type?: unknown }
  } | null
  const provinces: string[] = []
  if (Array.isArray(contract?.workplaces))
    for (const w of contract.workplaces) {
      const code = provinceCode((w as { province?: unknown } | null)?.province as string | undefined)
      if (code && !provinces.includes(code)) provinces.push(code)
    }
  const type = contract?.term?.type
  return { provinces, termType: type === 'indefinite' || type === 'definite' ? type : null }
}
