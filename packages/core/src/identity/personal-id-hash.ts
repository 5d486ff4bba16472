// Personal ID numbers are never stored in clear where a keyed hash serves (lookups, grants): HMAC-SHA256
// with the Platform's secret, so a stolen table does not reveal who is who.
import { createHmac } from 'node:crypto'

export function personalIdHash(key: string, personalId: string): string {
  return createHmac('sha256', key).update(personalId.trim()).digest('hex')
}
