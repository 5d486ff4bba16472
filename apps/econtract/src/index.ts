// The eContract service: what employers and workers sign in to.
export { buildEContract, type EContractOptions, type EContractServices } from './app.ts'
export { simCertificateAuthority } from './contracts/index.ts'
export { SmtpMailer, smtpMailerFromEnv } from './delivery/index.ts'
export { type DemoPeople, type DemoPerson, seedDemo } from './demo/seed-demo.ts'
export { ECONTRACT_NAME } from './name.ts'
export { platformConnectionFromEnv } from './platform-connection/index.ts'
