// Worker thread of SignatureVerifier: verifies batches of MultiSignatures with wasm-crypto.
// Plain JavaScript so it loads without the TypeScript loader.
import { parentPort } from 'node:worker_threads'
import { blake2b, ed25519Verify, secp256k1Compress, secp256k1Recover, sr25519Verify, waitReady } from '@polkadot/wasm-crypto'
import { sr25519_verify as fastSr25519Verify } from '@polkadot-labs/schnorrkel-wasm'

await waitReady()
const noKey = new Uint8Array(0)

// sr25519 is most of a transaction's CPU. @polkadot-labs/schnorrkel-wasm runs the same check as
// wasm-crypto (schnorrkel's strict Signature::from_bytes, then verify_simple with the "substrate"
// context) about twice as fast, but it panics, trapping its wasm instance, where wasm-crypto
// answers false: on a public key that is no Ristretto point, or a signature from_bytes refuses.
// So it only sees what cannot make it panic: keys wasm-crypto has already accepted in a valid
// signature, and signatures with schnorrkel's marker bit set whose scalar has its top four bits
// clear (always canonical). Everything else goes to wasm-crypto.
const goodKeys = new Set()
const MAX_GOOD_KEYS = 65_536

function keyHex(k) { return Buffer.from(k.buffer, k.byteOffset, k.byteLength).toString('hex') }

function sr25519(sig, msg, signer) {
  if (sig.length !== 64 || signer.length !== 32) return false
  const key = keyHex(signer)
  if ((sig[63] & 0xf0) === 0x80 && goodKeys.has(key)) return fastSr25519Verify(signer, msg, sig)
  const ok = sr25519Verify(sig, msg, signer)
  if (ok) {
    if (goodKeys.size >= MAX_GOOD_KEYS) goodKeys.clear()
    goodKeys.add(key)
  }
  return ok
}

function check(kind, sig, msg, signer) {
  if (kind === 1) return sr25519(sig, msg, signer)
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
