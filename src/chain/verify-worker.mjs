// Worker thread of SignatureVerifier: verifies batches of MultiSignatures with wasm-crypto.
// Plain JavaScript so it loads without the TypeScript loader.
import { parentPort } from 'node:worker_threads'
import { blake2b, ed25519Verify, secp256k1Compress, secp256k1Recover, sr25519Verify, waitReady } from '@polkadot/wasm-crypto'

await waitReady()
const noKey = new Uint8Array(0)

function check(kind, sig, msg, signer) {
  if (kind === 1) return sr25519Verify(sig, msg, signer)
  if (kind === 0) return ed25519Verify(sig, msg, signer)
  const rec = sig[64]
  if (rec > 3 && (rec < 27 || rec > 30)) return false
  try {
    const pub = secp256k1Recover(blake2b(msg, noKey, 32), sig.subarray(0, 64), rec >= 27 ? rec - 27 : rec)
    const acc = blake2b(secp256k1Compress(pub), noKey, 32)
    return acc.every((b, i) => b === signer[i])
  } catch {
    return false
  }
}

parentPort.on('message', ({ id, items }) => {
  const ok = items.map(({ kind, sig, msg, signer }) => check(kind, sig, msg, signer))
  parentPort.postMessage({ id, ok })
})
parentPort.postMessage({ ready: true })
