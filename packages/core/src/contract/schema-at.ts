// The JSON Schema of the field a JSON pointer names, so a change to a contract can be checked like the contract.
import type { TSchema } from 'typebox'

type Node = { properties?: Record<string, Node>; items?: Node; type?: unknown }

export function schemaAt(root: TSchema, pointer: string): TSchema | undefined {
  let node = root as Node | undefined
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    if (!node) return undefined
    if (node.properties && Object.hasOwn(node.properties, segment)) node = node.properties[segment]
    else if (node.items && /^(0|[1-9]\d{0,3})$/.test(segment)) node = node.items
    else return undefined
  }
  return node as TSchema | undefined
}
