// Where a PDF carries its contract ID in the document information (R1.29): a readable /Subject and a
// key a program can read without parsing prose.
export const ID_INFO_KEY = 'ElcContractId'

export function contractIdSubject(contractId: string): string {
  return `Mã hợp đồng lao động điện tử: ${contractId}`
}
