export { buildPlatform, PLATFORM_VERSION, type PlatformOptions } from './app.ts'
export { openPlatformLedger, type PlatformLedger, type PlatformLedgerConfig } from './ledger/open-ledger.ts'
export { openApiDocument } from './openapi/document.ts'
export { type ConnectedProvider, connectedProvider } from './providers/connected-provider.ts'
