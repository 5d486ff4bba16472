// Mẫu 02/PLI col 5 "over 35" (R3.6; D13.1.d item 2). R3.7 leaves the cut-off open.
//
// Choice: more than 35 completed years on the last day of the period, i.e. ageOn(dob, periodEnd) > 35.
// The form says "trên 35 tuổi" (above 35), and Vietnamese law counts age in completed years ("đủ … tuổi"),
// so a worker whose 35th birthday falls on or before periodEnd but who has not reached 36 is 35, not above it.
// Measured at period end because the report describes the workforce as the period closes.

import { ageOn, type CivilDate } from '../time/civil-date.ts'

/** Counted as over 35 when completed years of age at period end exceed this. */
export const OVER_35_AGE_EXCLUSIVE = 35

export function isOver35(dateOfBirth: CivilDate, periodEnd: CivilDate): boolean {
  return ageOn(dateOfBirth, periodEnd) > OVER_35_AGE_EXCLUSIVE
}
