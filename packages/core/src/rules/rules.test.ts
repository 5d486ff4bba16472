// One passing and one failing case per rule, each citing the LEGAL.md id it enforces.
import { describe, expect, it } from 'vitest'
import { example } from '../testing/examples.ts'
import { validateDocument } from '../validate/validate-document.ts'
import { RULES } from './registry.ts'

// biome-ignore lint/suspicious/noExplicitAny: test documents are edited into any shape
type Doc = any
const indefinite = () => example('contract-indefinite.json')
const definite = () => example('contract-definite-probation.json')
const termination = () => example('termination-worker-notice.json')
const annex = () => example('annex-wage-raise.json')
const amendment = (): Doc => {
  const { annexNumber: _n, ...rest } = annex()
  return { ...rest, kind: 'amendment' }
}
const suspension = (): Doc => ({
  schemaVersion: 1,
  kind: 'suspension',
  parentContractId: 'A260123456789',
  concludedOn: '2027-02-01',
  reason: 'military_service',
  startDate: '2027-02-15',
  endDate: '2029-02-14',
})

interface Case {
  ruleId: string
  code: string
  base: () => Doc
  pass: (d: Doc) => void
  fail: (d: Doc) => void
}

const CASES: Case[] = [
  // R4.3 — contract types and the 36-month limit
  {
    ruleId: 'R4.3',
    code: 'DEFINITE_CONTRACT_WITHOUT_END_DATE',
    base: definite,
    pass: () => {},
    fail: (d) => delete d.term.endDate,
  },
  {
    ruleId: 'R4.3',
    code: 'INDEFINITE_CONTRACT_WITH_END_DATE',
    base: indefinite,
    pass: () => {},
    fail: (d) => {
      d.term.endDate = '2027-07-31'
    },
  },
  {
    ruleId: 'R4.3',
    code: 'CONTRACT_END_BEFORE_START',
    base: definite,
    pass: (d) => {
      d.term.endDate = d.term.startDate
      delete d.probation
    },
    fail: (d) => {
      d.term.endDate = '2026-08-31'
      delete d.probation
    },
  },
  {
    ruleId: 'R4.3',
    code: 'CONTRACT_TERM_EXCEEDS_36_MONTHS',
    base: definite,
    pass: (d) => {
      d.term.endDate = '2029-08-31'
    },
    fail: (d) => {
      d.term.endDate = '2029-09-01'
    },
  },
  {
    ruleId: 'R4.3',
    code: 'CONTRACT_TYPE_UNKNOWN',
    base: indefinite,
    pass: () => {},
    fail: (d) => {
      d.term.type = 'seasonal'
    },
  },
  // R4.4 — at most two definite contracts in a row
  {
    ruleId: 'R4.4',
    code: 'CONSECUTIVE_DEFINITE_LIMIT_EXCEEDED',
    base: definite,
    pass: (d) => {
      d.history.precedingContracts.unshift({ type: 'indefinite', startDate: '2020-01-01' })
    },
    fail: (d) => {
      d.history.precedingContracts.unshift({
        type: 'definite',
        startDate: '2024-09-01',
        endDate: '2025-08-31',
      })
    },
  },
  // R4.6 — mandatory contents, each Art 21(1) point
  {
    ruleId: 'R4.6',
    code: 'MANDATORY_CONTENT_MISSING',
    base: indefinite,
    pass: () => {},
    fail: (d) => delete d.training,
  },
  {
    ruleId: 'R4.6',
    code: 'MONEY_NOT_INTEGER_VND',
    base: indefinite,
    pass: (d) => {
      d.wage.amount = 18_000_001
    },
    fail: (d) => {
      d.wage.amount = 18_000_000.5
    },
  },
  // R4.11–R4.13 — probation
  {
    ruleId: 'R4.11',
    code: 'PROBATION_IN_SHORT_CONTRACT',
    base: definite,
    pass: (d) => {
      d.term.endDate = '2026-09-30'
      d.probation.endDate = '2026-09-06'
    },
    fail: (d) => {
      d.term.endDate = '2026-09-29'
      d.probation.endDate = '2026-09-06'
    },
  },
  {
    ruleId: 'R4.12',
    code: 'PROBATION_DATES_INVALID',
    base: definite,
    pass: () => {},
    fail: (d) => {
      d.probation.endDate = '2026-08-31'
    },
  },
  {
    ruleId: 'R4.12',
    code: 'PROBATION_EXCEEDS_LIMIT',
    base: definite,
    pass: () => {},
    fail: (d) => {
      d.probation.endDate = '2026-10-01'
    },
  },
  {
    ruleId: 'R4.13',
    code: 'PROBATION_WAGE_BELOW_85_PERCENT',
    base: definite,
    pass: (d) => {
      d.probation.wage = 10_200_000
    },
    fail: (d) => {
      d.probation.wage = 10_199_999
    },
  },
  {
    ruleId: 'R4.13',
    code: 'PROBATION_WAGE_BELOW_REGIONAL_MINIMUM',
    base: definite,
    pass: (d) => {
      d.wage.amount = 6_000_000
      d.probation.wage = 5_310_000
    },
    fail: (d) => {
      d.wage.amount = 6_000_000
      d.probation.wage = 5_300_000
    },
  },
  // R4.29 — regional minimum wage
  {
    ruleId: 'R4.29',
    code: 'WAGE_BELOW_REGIONAL_MINIMUM',
    base: indefinite,
    pass: (d) => {
      d.wage.amount = 5_310_000
    },
    fail: (d) => {
      d.wage.amount = 5_309_999
    },
  },
  // R4.8, R4.10, R4.32 — minors
  {
    ruleId: 'R4.10',
    code: 'WORKER_BORN_AFTER_START',
    base: indefinite,
    pass: () => {},
    fail: (d) => {
      d.worker.dateOfBirth = '2026-08-02'
    },
  },
  {
    ruleId: 'R4.10',
    code: 'WORKER_UNDER_MINIMUM_AGE',
    base: indefinite,
    pass: (d) => {
      d.worker.dateOfBirth = '2013-05-01'
      d.job.minorWorkCategory = 'light_work'
      d.worker.representative = rep()
    },
    fail: (d) => {
      d.worker.dateOfBirth = '2013-05-01'
      d.worker.representative = rep()
    },
  },
  {
    ruleId: 'R4.8',
    code: 'MINOR_REPRESENTATIVE_CONSENT_MISSING',
    base: indefinite,
    pass: (d) => {
      d.worker.dateOfBirth = '2010-03-01'
      d.worker.representative = rep()
    },
    fail: (d) => {
      d.worker.dateOfBirth = '2010-03-01'
    },
  },
  {
    ruleId: 'R4.32',
    code: 'MINOR_WORKING_HOURS_EXCEEDED',
    base: indefinite,
    pass: (d) => {
      d.worker.dateOfBirth = '2010-03-01'
      d.worker.representative = rep()
    },
    fail: (d) => {
      d.worker.dateOfBirth = '2010-03-01'
      d.worker.representative = rep()
      d.workingTime.hoursPerWeek = 44
    },
  },
  {
    ruleId: 'R4.32',
    code: 'MINOR_HEAVY_HAZARDOUS_WORK',
    base: indefinite,
    pass: (d) => {
      d.worker.dateOfBirth = '2008-07-31'
      d.job.heavyHazardous = true
    },
    fail: (d) => {
      d.worker.dateOfBirth = '2008-08-02'
      d.job.heavyHazardous = true
      d.worker.representative = rep()
    },
  },
  // R5.x — identity document numbers
  {
    ruleId: 'R5.4',
    code: 'ID_NUMBER_FORMAT',
    base: indefinite,
    pass: () => {},
    fail: (d) => {
      d.worker.idDocument.number = '00130101234'
    },
  },
  {
    ruleId: 'R5.3',
    code: 'ID_NUMBER_UNKNOWN_PROVINCE',
    base: indefinite,
    pass: () => {},
    fail: (d) => {
      d.worker.idDocument.number = '003301012345'
    },
  },
  {
    ruleId: 'R5.4',
    code: 'ID_NUMBER_SEX_MISMATCH',
    base: indefinite,
    pass: () => {},
    fail: (d) => {
      d.worker.sex = 'male'
    },
  },
  {
    ruleId: 'R5.4',
    code: 'ID_NUMBER_BIRTH_YEAR_MISMATCH',
    base: indefinite,
    pass: () => {},
    fail: (d) => {
      d.worker.dateOfBirth = '2002-04-12'
    },
  },
  {
    ruleId: 'R5.5',
    code: 'OLD_ID_NUMBER_FORMAT',
    base: indefinite,
    pass: (d) => {
      d.worker.idDocument = { kind: 'old_id', number: '012345678' }
    },
    fail: (d) => {
      d.worker.idDocument = { kind: 'old_id', number: '01234567' }
    },
  },
  {
    ruleId: 'R5.2',
    code: 'ID_NUMBER_BIRTH_YEAR_IN_FUTURE',
    base: indefinite,
    pass: () => {},
    fail: (d) => {
      d.worker.idDocument.number = '001330012345'
    },
  },
  {
    ruleId: 'D13.1.c',
    code: 'PASSPORT_NUMBER_FORMAT',
    base: indefinite,
    pass: (d) => {
      d.worker.nationality = 'VN'
      d.worker.idDocument = { kind: 'passport', number: 'C1234567' }
    },
    fail: (d) => {
      d.worker.nationality = 'VN'
      d.worker.idDocument = { kind: 'passport', number: 'C12345678' }
    },
  },
  // R4.7 — details TT 10/2020 expects
  {
    ruleId: 'R4.7',
    code: 'EMPLOYER_TAX_CODE_MISSING',
    base: indefinite,
    pass: (d) => {
      delete d.employer.taxCode
      d.employer.employerType = 'individual'
    },
    fail: (d) => delete d.employer.taxCode,
  },
  {
    ruleId: 'R4.7',
    code: 'FOREIGN_WORKER_PERMIT_MISSING',
    base: indefinite,
    pass: (d) => {
      d.worker.nationality = 'JP'
      d.worker.workPermitNumber = 'GPLĐ 123/2026'
    },
    fail: (d) => {
      d.worker.nationality = 'JP'
    },
  },
  {
    ruleId: 'D8',
    code: 'CONCLUDED_AFTER_START',
    base: indefinite,
    pass: (d) => {
      d.concludedOn = d.term.startDate
    },
    fail: (d) => {
      d.concludedOn = '2026-08-02'
    },
  },
  // R4.5 — annexes
  {
    ruleId: 'R4.5',
    code: 'ANNEX_CHANGES_TERM',
    base: annex,
    pass: () => {},
    fail: (d) => d.changes.push({ path: '/term/type', value: 'definite' }),
  },
  {
    ruleId: 'D9.1',
    code: 'CHANGE_INVALID',
    base: annex,
    pass: (d) => d.changes.push({ path: '/workplaces/0/wageRegion', value: 'II' }),
    fail: (d) => d.changes.push({ path: '/wage/amount', value: -1 }),
  },
  {
    ruleId: 'D9.1',
    code: 'CHANGE_INVALID',
    base: amendment,
    pass: () => {},
    fail: (d) => d.changes.push({ path: '/worker/nickname', value: 'Nhung' }),
  },
  {
    ruleId: 'R1.29',
    code: 'CONTRACT_ID_INVALID',
    base: annex,
    pass: () => {},
    fail: (d) => {
      d.parentContractId = 'A26-0123456789'
    },
  },
  // R4.17 — suspension
  {
    ruleId: 'R4.17',
    code: 'SUSPENSION_END_BEFORE_START',
    base: suspension,
    pass: () => {},
    fail: (d) => {
      d.endDate = '2027-02-14'
    },
  },
  // R4.19–R4.25 — termination
  {
    ruleId: 'R4.19',
    code: 'TERMINATION_INITIATOR_MISMATCH',
    base: termination,
    pass: () => {},
    fail: (d) => {
      d.initiatedBy = 'employer'
    },
  },
  {
    ruleId: 'R4.19',
    code: 'TERMINATION_BEFORE_CONTRACT_START',
    base: termination,
    pass: () => {},
    fail: (d) => {
      d.parentTerm.startDate = '2027-05-01'
    },
  },
  {
    ruleId: 'R4.19',
    code: 'EXPIRY_OF_INDEFINITE_CONTRACT',
    base: termination,
    pass: (d) => {
      Object.assign(d, { reason: 'expiry', initiatedBy: 'neither', terminationDate: '2027-07-31' })
      d.parentTerm = { type: 'definite', startDate: '2026-08-01', endDate: '2027-07-31' }
    },
    fail: (d) => {
      Object.assign(d, { reason: 'expiry', initiatedBy: 'neither' })
    },
  },
  {
    ruleId: 'R4.22',
    code: 'EMPLOYER_TERMINATION_GROUND_MISSING',
    base: termination,
    pass: (d) => {
      Object.assign(d, { reason: 'employer_unilateral', initiatedBy: 'employer', employerGround: 'c' })
    },
    fail: (d) => {
      Object.assign(d, { reason: 'employer_unilateral', initiatedBy: 'employer' })
    },
  },
  {
    ruleId: 'R4.20',
    code: 'TERMINATION_NOTICE_TOO_SHORT',
    base: termination,
    pass: (d) => {
      d.terminationDate = '2027-04-15'
    },
    fail: (d) => {
      d.terminationDate = '2027-04-14'
    },
  },
  {
    ruleId: 'R4.25',
    code: 'TERMINATION_DURING_PROTECTED_SITUATION',
    base: termination,
    pass: (d) => {
      Object.assign(d, {
        reason: 'employer_unilateral',
        initiatedBy: 'employer',
        employerGround: 'b',
        workerSituations: ['illness_treatment'],
      })
    },
    fail: (d) => {
      Object.assign(d, {
        reason: 'employer_unilateral',
        initiatedBy: 'employer',
        employerGround: 'a',
        workerSituations: ['raising_child_under_12_months'],
      })
    },
  },
]

function rep(): Doc {
  return {
    fullName: 'Nguyễn Văn Bình',
    relationship: 'Cha',
    idDocument: { kind: 'personal_id', number: '001075001234' },
    consentDocumentRef: 'Văn bản đồng ý ngày 20/07/2026',
  }
}

function codesOf(doc: Doc) {
  return validateDocument(doc).findings.map((f) => `${f.ruleId} ${f.code}`)
}

describe.each(CASES)('$ruleId $code', ({ ruleId, code, base, pass, fail }) => {
  it('passes', () => {
    const doc = base()
    pass(doc)
    expect(codesOf(doc)).not.toContain(`${ruleId} ${code}`)
  })
  it('fails', () => {
    const doc = base()
    fail(doc)
    expect(codesOf(doc)).toContain(`${ruleId} ${code}`)
  })
})

describe('the registry', () => {
  it('every rule code has a case here, so a new rule without tests fails', () => {
    const tested = new Set(CASES.map((c) => c.code))
    const untested = RULES.map((r) => r.code).filter((code) => !tested.has(code))
    expect(untested).toEqual([])
  })

  it('every rule cites an id that exists in LEGAL.md form and a stable upper-case code', () => {
    for (const r of RULES) {
      expect(r.ruleId).toMatch(/^(R\d+\.\d+|D\d+(\.\d+)*(\.[a-zđ])?)$/)
      expect(r.code).toMatch(/^[A-Z][A-Z0-9_]+$/)
      expect(r.title.vi).toBe(r.title.vi.normalize('NFC'))
    }
  })
})
