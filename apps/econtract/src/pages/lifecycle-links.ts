// The ways into the lifecycle pages: on an issued contract's page, HR's links to draft its annex,
// amendment, suspension or termination (R1.30); on HR's list, the paper-contract conversion (R1.19).
import type { Text } from '@elc/core'
import { DOCUMENT_TITLES, type DocumentView } from '../contracts/index.ts'
import { h } from './layout.ts'

const KINDS = ['annex', 'amendment', 'suspension', 'termination'] as const

export function lifecycleLinks(
  view: Pick<DocumentView, 'id' | 'kind' | 'side' | 'status' | 'contractId'>,
): string {
  const contract = view.kind === 'contract' || view.kind === 'paper_conversion'
  if (view.side !== 'employer' || !contract || view.status !== 'issued' || !view.contractId) return ''
  const links = KINDS.map((kind) => {
    const title = DOCUMENT_TITLES[kind] as Text
    return `<a class="button secondary" id="new-${kind}" href="/documents/${h(encodeURIComponent(view.id))}/lifecycle/new?kind=${kind}">${h(title.vi)} <span class="en">/ ${h(title.en)}</span></a>`
  })
  return `<h2>Lập văn bản cho hợp đồng này <span class="en">/ Documents for this contract</span></h2>
<div class="actions" id="lifecycle-actions">${links.join('\n')}</div>`
}

export function conversionLink(employer: string): string {
  return `<p><a class="button secondary" id="new-conversion" href="/documents/conversion/new?employer=${h(encodeURIComponent(employer))}">Chuyển đổi hợp đồng giấy <span class="en">/ Convert a paper contract</span></a></p>`
}
