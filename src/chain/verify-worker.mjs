// Worker thread of SignatureVerifier: verifies batches of MultiSignatures (wasm-crypto; sr25519 mostly schnorrkel-wasm).
// Plain JavaScript so it loads without the TypeScript loader.
import { parentPort } from 'node:worker_threads'
import { blake2b, ed25519Verify, secp256k1Compress, secp256k1Recover, sr25519Verify, waitReady } from '@polkadot/wasm-crypto'
import { createRequire } from 'node:module'

await waitReady()
const noKey = new Uint8Array(0)

// sr25519 is most of a transaction's CPU. @polkadot-labs/schnorrkel-wasm runs the same check as
// wasm-crypto (schnorrkel's strict Signature::from_bytes, then verify_simple with the "substrate"
// context) about twice as fast, but it panics, trapping its wasm instance, where wasm-crypto
// answers false: on a public key that is no Ristretto point, or a signature from_bytes refuses.
// Signatures it could refuse never reach it: only those with schnorrkel's marker bit set whose
// scalar has its top four bits clear (always canonical). A key is only known to decode once it
// has decoded, so the fast check runs on every key, and where it traps the instance is dropped
// (a trapped instance keeps its half-done call's stack and allocations), a fresh one loaded from
// the package (CommonJS, so the old one can go), and wasm-crypto answers. Keys that trapped go
// straight to wasm-crypto afterwards, so a bad key costs one reload, not one per transaction.
const require = createRequire(import.meta.url)
const FAST_ID = require.resolve('@polkadot-labs/schnorrkel-wasm')
let fast = require(FAST_ID)
const badKeys = new Set()
const MAX_BAD_KEYS = 65_536
const quiet = () => {}

function keyHex(k) { return Buffer.from(k.buffer, k.byteOffset, k.byteLength).toString('hex') }

function fastVerify(sig, msg, signer) {
  // The panic hook prints the panic through console.error before the trap; the refusal is expected.
  const print = console.error
  console.error = quiet
  try {
    return fast.sr25519_verify(signer, msg, sig)
  } catch {
    delete require.cache[FAST_ID]
    fast = require(FAST_ID)
    return null
  } finally {
    console.error = print
  }
}

function sr25519(sig, msg, signer) {
  if (sig.length !== 64 || signer.length !== 32) return false
  if ((sig[63] & 0xf0) !== 0x80) return sr25519Verify(sig, msg, signer)
  const key = badKeys.size === 0 ? '' : keyHex(signer)
  if (badKeys.size === 0 || !badKeys.has(key)) {
    const ok = fastVerify(sig, msg, signer)
    if (ok !== null) return ok
    if (badKeys.size >= MAX_BAD_KEYS) badKeys.clear()
    badKeys.add(keyHex(signer))
  }
  return sr25519Verify(sig, msg, signer)
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

// A batch is one buffer (SignatureVerifier's pack): per job kind, signature, signer and message
// lengths (u8, u8, u32 LE), then those bytes; the checks read views into it.
parentPort.on('message', ({ id, buf }) => {
  const b = new Uint8Array(buf)
  const ok = []
  let at = 0
  while (at < b.length) {
    const kind = b[at]
    const sigLen = b[at + 1]
    const signerLen = b[at + 2]
    const msgLen = (b[at + 3] | (b[at + 4] << 8) | (b[at + 5] << 16)) + b[at + 6] * 0x1000000
    at += 7
    const sig = b.subarray(at, at += sigLen)
    const signer = b.subarray(at, at += signerLen)
    const msg = b.subarray(at, at += msgLen)
    ok.push(check(kind, sig, msg, signer))
  }
  parentPort.postMessage({ id, ok })
})
parentPort.postMessage({ ready: true })
