// Helpers for the apps' sign-in tests: the browser and the simulator's VNeID.
export { browserMissing, CHROMIUM, launchChromium } from './browser.ts'
export {
  lockAccount,
  type RegisteredClient,
  registerClient,
  type SeededAccount,
  seedAccounts,
} from './vneid-fixture.ts'
