export * from './contract-id.ts'
