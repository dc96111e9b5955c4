// Worker thread of BeaconSigner: signs the local drand beacon's rounds ahead of the blocks that
// need them, with the same mcl-wasm calls as the Drand pallet's signRound (bls.ts / mcl.ts):
// sk · hashToG1(sha256(round as u64 big-endian)) under QUICKNET_DST, zcash-compressed, with the
// runtime's mcl settings (mcl-settings.mjs).
// Plain JavaScript so it loads without the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads'
import { sha256 } from '@noble/hashes/sha2'
import mcl from 'mcl-wasm'
import { initMcl } from '../pallets/drand/mcl-settings.mjs'

/** Signatures per message back: results arrive while the rest of a request is still being signed. */
const CHUNK = 16

await initMcl(mcl)
const sk = new mcl.Fr()
sk.setStr(Buffer.from(workerData.secretKey).toString('hex'), 16)

function sign(round) {
  const m = new Uint8Array(8)
  new DataView(m.buffer).setBigUint64(0, round, false)
  return mcl.mul(mcl.hashAndMapToG1(sha256(m)), sk).serialize()
}

// A request is an inclusive range of rounds; the answers come back in order, CHUNK at a time.
parentPort.on('message', ({ from, to }) => {
  for (let start = from; start <= to; start += BigInt(CHUNK)) {
    const n = Number(to - start + 1n < BigInt(CHUNK) ? to - start + 1n : BigInt(CHUNK))
    const sigs = new Uint8Array(48 * n)
    for (let i = 0; i < n; i++) sigs.set(sign(start + BigInt(i)), 48 * i)
    parentPort.postMessage({ from: start, sigs }, [sigs.buffer])
  }
})
parentPort.postMessage({ ready: true })
