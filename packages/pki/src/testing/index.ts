// Test helpers other packages' tests use: the simulator on loopback, sample contracts, external tools.
export { samplePdf } from './sample-pdf.ts'
export { type SimFixture, type SimSubscriber, startSim, toPem } from './sim-fixture.ts'
export { missingTools, nssTrusting, run, type TempDir, tempDir } from './tools.ts'
