// The eContract service: what employers and workers sign in to.
export { buildEContract, type EContractOptions } from './app.ts'
export { ECONTRACT_NAME } from './name.ts'
