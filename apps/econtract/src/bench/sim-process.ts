// The simulator (CA, OCSP, TSA, remote signing) in a process of its own for the bulk benchmark, so its
// signing work runs on the machine's other core. Prints {"baseUrl","rootDer"} on one line once listening;
// exits when its standard input closes (the benchmark ended or died).
import { startSim } from '@elc/pki/testing'

const sim = await startSim({ autoApproveRemoteSigning: process.argv.includes('--auto-approve') })
process.stdout.write(
  `${JSON.stringify({ baseUrl: sim.baseUrl, rootDer: Buffer.from(sim.rootDer).toString('base64') })}\n`,
)
process.stdin.resume()
process.stdin.on('end', async () => {
  await sim.close()
  process.exit(0)
})
