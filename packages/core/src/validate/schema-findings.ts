// Turns JSON Schema errors into findings a person can act on: one per field, with the Art 21 point
// for a missing mandatory item (R4.6) and a plain reason for wrong types, dates, money and values.
import type { TLocalizedValidationError } from 'typebox/error'
import { DATE_PATTERN } from '../contract/schema-parts.ts'
import type { Finding } from '../findings.ts'
import { type Text, text } from '../i18n.ts'
import { labelOf } from '../rules/field-labels.ts'
import { escapePointer } from './normalize-text.ts'

type SchemaError = TLocalizedValidationError

/** Labor Code Art 21(1) points, by the top-level field that carries them (R4.6). */
const ART21_POINT: Record<string, string> = {
  employer: 'a',
  worker: 'b',
  job: 'c',
  workplaces: 'c',
  term: 'd',
  wage: 'đ',
  raiseRegime: 'e',
  workingTime: 'g',
  protectiveEquipment: 'h',
  insurance: 'i',
  training: 'k',
}

const MONEY_FIELDS = /\/(amount|wage)$/

function pointOf(path: string): string | undefined {
  const top = path.replace(/^\/contract(?=\/)/, '').split('/')[1]
  return top ? ART21_POINT[top] : undefined
}

function finding(ruleId: string, code: string, path: string, message: Text): Finding {
  const label = labelOf(path)
  return {
    ruleId,
    code,
    severity: 'error',
    path,
    message: text(
      `${label.vi} (${path || '/'}): ${message.vi}`,
      `${label.en} (${path || '/'}): ${message.en}`,
    ),
  }
}

function describeValue(v: unknown): string {
  const s = JSON.stringify(v)
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s
}

function one(e: SchemaError, value: (path: string) => unknown): Finding[] {
  const path = e.instancePath
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'required':
      return (p.requiredProperties as string[]).map((name) => {
        const field = `${path}/${escapePointer(name)}`
        const point = pointOf(field)
        return point
          ? finding(
              'R4.6',
              'MANDATORY_CONTENT_MISSING',
              field,
              text(
                `thiếu nội dung bắt buộc của hợp đồng lao động (Điều 21 khoản 1 điểm ${point} BLLĐ).`,
                `a mandatory content of the labor contract is missing (Labor Code Art 21(1)(${point})).`,
              ),
            )
          : finding(
              'ELC.SCHEMA',
              'FIELD_MISSING',
              field,
              text('thiếu trường bắt buộc.', 'a required field is missing.'),
            )
      })
    case 'additionalProperties':
      return (p.additionalProperties as string[]).map((name) =>
        finding(
          'ELC.SCHEMA',
          'FIELD_UNKNOWN',
          `${path}/${escapePointer(name)}`,
          text(
            `trường "${name}" không có trong mẫu dữ liệu.`,
            `field "${name}" is not part of the data model.`,
          ),
        ),
      )
    case 'format':
      if (p.format === 'date')
        return [
          finding(
            'ELC.SCHEMA',
            'DATE_INVALID',
            path,
            text(
              `${describeValue(value(path))} không phải ngày hợp lệ dạng YYYY-MM-DD.`,
              `${describeValue(value(path))} is not a valid YYYY-MM-DD calendar date.`,
            ),
          ),
        ]
      return [
        finding(
          'ELC.SCHEMA',
          'FORMAT_INVALID',
          path,
          text(`giá trị không đúng định dạng ${p.format}.`, `the value is not a valid ${p.format}.`),
        ),
      ]
    case 'enum':
      return [
        finding(
          path.endsWith('/term/type') ? 'R4.3' : 'ELC.SCHEMA',
          path.endsWith('/term/type') ? 'CONTRACT_TYPE_UNKNOWN' : 'VALUE_UNKNOWN',
          path,
          text(
            `${describeValue(value(path))} không phải giá trị được chấp nhận; chọn một trong: ${(p.allowedValues as unknown[]).join(', ')}.`,
            `${describeValue(value(path))} is not an accepted value; use one of: ${(p.allowedValues as unknown[]).join(', ')}.`,
          ),
        ),
      ]
    case 'const':
      return [
        finding(
          'ELC.SCHEMA',
          'VALUE_UNKNOWN',
          path,
          text(
            `giá trị phải là ${describeValue(p.allowedValue)}.`,
            `the value must be ${describeValue(p.allowedValue)}.`,
          ),
        ),
      ]
    case 'type':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      if (MONEY_FIELDS.test(path) && typeof value(path) === 'number')
        return [
          finding(
            'R4.6',
            'MONEY_NOT_INTEGER_VND',
            path,
            text(
              `số tiền ${describeValue(value(path))} phải là số nguyên đồng, không âm.`,
              `amount ${describeValue(value(path))} must be a non-negative whole number of VND.`,
            ),
          ),
        ]
      if (e.keyword === 'type')
        return [
          finding(
            'ELC.SCHEMA',
            'TYPE_INVALID',
            path,
            text(
              `${describeValue(value(path))} sai kiểu dữ liệu, cần ${p.type}.`,
              `${describeValue(value(path))} has the wrong type, expected ${p.type}.`,
            ),
          ),
        ]
      return [
        finding(
          'ELC.SCHEMA',
          'VALUE_OUT_OF_RANGE',
          path,
          text(
            `giá trị ${describeValue(value(path))} ngoài phạm vi cho phép.`,
            `value ${describeValue(value(path))} is out of range.`,
          ),
        ),
      ]
    case 'pattern':
      if (p.pattern === DATE_PATTERN)
        return [
          finding(
            'ELC.SCHEMA',
            'DATE_OUT_OF_RANGE',
            path,
            text(
              `${describeValue(value(path))} nằm ngoài khoảng năm 1900–2099.`,
              `${describeValue(value(path))} is outside the years 1900–2099.`,
            ),
          ),
        ]
      return [
        finding(
          path.endsWith('/parentContractId') ? 'R1.29' : 'ELC.SCHEMA',
          path.endsWith('/parentContractId') ? 'CONTRACT_ID_INVALID' : 'FORMAT_INVALID',
          path,
          path.endsWith('/parentContractId')
            ? text(
                `${describeValue(value(path))} không phải mã định danh hợp đồng (A, B hoặc C và 12 chữ số).`,
                `${describeValue(value(path))} is not a contract ID (A, B or C and 12 digits).`,
              )
            : text(
                `${describeValue(value(path))} không đúng định dạng.`,
                `${describeValue(value(path))} has the wrong format.`,
              ),
        ),
      ]
    case 'minLength':
    case 'minItems':
      return [
        finding(
          pointOf(path) ? 'R4.6' : 'ELC.SCHEMA',
          pointOf(path) ? 'MANDATORY_CONTENT_MISSING' : 'FIELD_EMPTY',
          path,
          text('không được để trống.', 'may not be empty.'),
        ),
      ]
    case 'maxLength':
    case 'maxItems':
      return [finding('ELC.SCHEMA', 'FIELD_TOO_LONG', path, text('quá dài.', 'is too long.'))]
    case 'boolean':
      return [] // reported by additionalProperties
    default:
      return [
        finding('ELC.SCHEMA', 'FIELD_INVALID', path, text('giá trị không hợp lệ.', 'the value is invalid.')),
      ]
  }
}

/** One finding per field and code, in document order. */
export function schemaFindings(errors: Iterable<SchemaError>, value: (path: string) => unknown): Finding[] {
  const seen = new Set<string>()
  const out: Finding[] = []
  for (const e of errors) {
    for (const f of one(e, value)) {
      const key = `${f.path}\u0000${f.code}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push(f)
    }
  }
  return out
}
