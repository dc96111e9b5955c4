// The Drand pallet's BLS12-381 costs, CPU µs per operation (process.cpuUsage): the local beacon's
// signature of a round, a pulse's verification (write_pulse), a timelocked commit opened with its
// round's pulse (the reveal in block_step), on the runtime's mcl-wasm backend; the beacon's
// signature on @noble/curves alongside, for the ratio. `npx tsx bench/drand-bls.bench.ts`.
import '../src/polyfill.js'
import { bls12_381 } from '@noble/curves/bls12-381'
import { checkRound, decryptWithSignature, publicKeyOf, roundMessage, signRound, tle } from '../src/pallets/drand/index.js'
import { QUICKNET_DST } from '../src/pallets/drand/bls.js'

interface Row { name: string; value: number; unit: string }
// hashToCurve's declared type omits the projective point's methods it has.
interface NoblePoint { multiplyUnsafe(k: bigint): { toBytes(compressed: boolean): Uint8Array } }

/** CPU µs per call of f over n calls, after n/10 warm-up calls. */
function cpuPerOp(n: number, f: (i: number) => unknown): number {
  for (let i = 0; i < Math.max(1, n / 10); i++) f(i)
  const c0 = process.cpuUsage()
  for (let i = 0; i < n; i++) f(i)
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / n
}

export async function run(): Promise<Row[]> {
  const sk = new Uint8Array(32); sk[24] = 0x12; sk[31] = 0xef // a 64-bit key, as the dev spec's
  const pk = publicKeyOf(sk)
  const sigs = Array.from({ length: 200 }, (_, i) => signRound(sk, BigInt(i + 1)))
  const commit = tle(pk, 77n, new Uint8Array(60).fill(1))
  const sig77 = signRound(sk, 77n)
  let k = 0n
  for (const b of sk) k = (k << 8n) | BigInt(b)
  return [
    { name: 'drand beacon signature (mcl-wasm)', value: cpuPerOp(1_000, (i) => signRound(sk, BigInt(i + 1))), unit: 'µs CPU/op' },
    { name: 'drand beacon signature (@noble/curves, reference)', value: cpuPerOp(50, (i) => (bls12_381.G1.hashToCurve(roundMessage(BigInt(i + 1)), { DST: QUICKNET_DST }) as unknown as NoblePoint).multiplyUnsafe(k).toBytes(true)), unit: 'µs CPU/op' },
    { name: 'drand pulse verification (mcl-wasm)', value: cpuPerOp(200, (i) => checkRound(pk, BigInt(i + 1), sigs[i]!)), unit: 'µs CPU/op' },
    { name: 'tle reveal: open a commit with its pulse (mcl-wasm)', value: cpuPerOp(200, () => decryptWithSignature(commit, sig77)), unit: 'µs CPU/op' },
    { name: 'tle encrypt (mcl-wasm)', value: cpuPerOp(200, (i) => tle(pk, BigInt(i + 1), new Uint8Array(60))), unit: 'µs CPU/op' },
  ]
}

if (import.meta.url === `file://${process.argv[1]}`) for (const r of await run()) console.log(`${r.name.padEnd(52)} ${r.value.toFixed(1).padStart(9)} ${r.unit}`)
