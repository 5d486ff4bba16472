// The document pages for HR staff and workers: drafting with live labor-code findings, the document and
// its history, signing with a one-time code, and the worker's own list.
export { type DocumentPagesDeps, documentPages } from './document-pages.ts'
// Annex, amendment, suspension and termination of an issued contract; converting a paper contract.
export { type LifecyclePagesDeps, lifecyclePages } from './lifecycle-pages.ts'
