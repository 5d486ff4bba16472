export { buildPlatform, PLATFORM_VERSION, type PlatformOptions } from './app.ts'
export { openApiDocument } from './openapi/document.ts'
