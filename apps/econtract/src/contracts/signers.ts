// Who signs which document, in what order. A contract and the documents made by agreement (annex,
// amendment, suspension) are signed by both parties; a paper conversion by the employer alone (R1.19);
// a termination by whoever ends the contract (both when by agreement; the employer records one that ends
// by operation of law).
import type { DocumentTable, Party } from './migrations.ts'

export interface ContractParties {
  employer: { name: string; taxCode: string; email?: string }
  worker: { fullName: string; idDocument: { number: string }; email?: string }
}

export function requiredSigners(kind: string, data: Record<string, unknown>): Party[] {
  if (kind === 'paper_conversion') return ['employer']
  if (kind === 'termination') {
    const by = (data as { initiatedBy?: string }).initiatedBy
    if (by === 'worker') return ['worker']
    if (by === 'employer' || by === 'neither') return ['employer']
  }
  return ['employer', 'worker']
}

export function signingOrder(
  kind: string,
  data: Record<string, unknown>,
  order: DocumentTable['signing_order'],
): Party[] {
  const required = requiredSigners(kind, data)
  return order === 'worker_first' ? [...required].sort((a) => (a === 'worker' ? -1 : 1)) : required
}

/** The parties of a contract's own data, or of a paper conversion's contract. */
export function partiesInData(data: Record<string, unknown>): ContractParties | undefined {
  const source = (data.kind === 'paper_conversion' ? data.contract : data) as
    | Partial<ContractParties>
    | undefined
  return source?.employer && source.worker ? (source as ContractParties) : undefined
}
