// @elc/ledger: the Platform's transparency log (D7.1.c, D13.1.đ, R1.24đ, R6.4).
export * from './log/index.ts'
export * from './merkle/index.ts'
export * from './note/index.ts'
export * from './verifier/index.ts'
export * from './witness/index.ts'
