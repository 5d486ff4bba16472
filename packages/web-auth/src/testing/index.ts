// Helpers for the apps' sign-in tests: the browser and the simulator's VNeID.

export {
  type Caller,
  type ExpectedRule,
  makeCallers,
  matrixFailures,
  PUBLIC_ROUTE,
  tableMismatches,
} from './access-matrix.ts'
export { browserMissing, CHROMIUM, launchChromium, signInWithVneid } from './browser.ts'
export { signedInApp, TEST_LEVEL2_ACR } from './signed-in-app.ts'
export {
  lockAccount,
  type RegisteredClient,
  registerClient,
  type SeededAccount,
  seedAccounts,
} from './vneid-fixture.ts'
