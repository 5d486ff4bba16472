export * from './ca/index.ts'
export * from './ocsp/index.ts'
export { buildSimulator, SIM_TSA_POLICY_OID, type SimulatorOptions } from './simulator.ts'
export * from './tsa/index.ts'
