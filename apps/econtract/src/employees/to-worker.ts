// A directory entry as the `worker` of a contract (R4.6 b; D13.1.c item 3), so a draft starts from it.
import type { Worker } from '@elc/core'
import type { Employee } from './employees-repo.ts'

export function toWorker(employee: Employee): Worker {
  return {
    fullName: employee.fullName,
    dateOfBirth: employee.dateOfBirth,
    sex: employee.sex,
    residence: employee.residence,
    nationality: employee.nationality,
    idDocument: { kind: employee.idDocument.kind, number: employee.idDocument.number },
    ...(employee.socialInsuranceNumber ? { socialInsuranceNumber: employee.socialInsuranceNumber } : {}),
    ...(employee.phone ? { phone: employee.phone } : {}),
    ...(employee.email ? { email: employee.email } : {}),
  }
}
