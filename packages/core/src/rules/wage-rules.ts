// R4.28–R4.29: the wage is at least the regional minimum in force when the contract starts.
import { text } from '../i18n.ts'
import { vnd } from './format.ts'
import { highestMinimum } from './minimum-wage.ts'
import { at, defineRule } from './rule.ts'

export const wageRules = [
  defineRule({
    ruleId: 'R4.29',
    code: 'WAGE_BELOW_REGIONAL_MINIMUM',
    severity: 'error',
    tag: 'P',
    kind: 'contract',
    uses: ['/wage', '/workplaces', '/term/startDate'],
    title: text('Mức lương không thấp hơn lương tối thiểu vùng', 'Wage not below the regional minimum'),
    check: (c) => {
      // Only monthly and hourly minima are set (ND 293/2025 Art 3); other units are converted by the employer.
      if (c.wage.unit !== 'month' && c.wage.unit !== 'hour') return []
      const floor = highestMinimum(c, c.term.startDate)
      if (!floor) return []
      const monthly = c.wage.unit === 'month'
      const min = monthly ? floor.minimum.monthly : floor.minimum.hourly
      if (c.wage.amount >= min) return []
      return [
        at(
          '/wage/amount',
          text(
            `mức lương ${vnd(c.wage.amount)}/${monthly ? 'tháng' : 'giờ'} thấp hơn lương tối thiểu vùng ${floor.region} là ${vnd(min)}/${monthly ? 'tháng' : 'giờ'} (${floor.minimum.decree}) tại địa điểm làm việc số ${floor.index + 1}.`,
            `wage ${c.wage.amount} VND per ${monthly ? 'month' : 'hour'} is below the Region ${floor.region} minimum of ${min} VND (${floor.minimum.decree}) at workplace ${floor.index + 1}.`,
          ),
        ),
      ]
    },
  }),
]
