// MultiSignature verification (sp_runtime::MultiSignature::verify) on @polkadot/wasm-crypto, with
// a bounded cache: a signature over a given payload never changes validity, so the pool's check
// is not repeated when the block is built or re-imported.
import { ed25519Verify, secp256k1Compress, secp256k1Recover, sr25519Verify } from '@polkadot/wasm-crypto'
import { blake2_256 } from '../codec/hashing.js'
import { toKeyString } from '../storage/overlay.js'

export type SignatureKind = 'Ed25519' | 'Sr25519' | 'Ecdsa'

/** One signature to check: what a verifier needs, detached from the extrinsic. */
export interface SignatureJob { kind: SignatureKind; sig: Uint8Array; msg: Uint8Array; signer: Uint8Array }

const MAX_CACHE = 200_000
const verified = new Set<string>()

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function check(kind: SignatureKind, sig: Uint8Array, msg: Uint8Array, signer: Uint8Array): boolean {
  switch (kind) {
    case 'Sr25519': return sr25519Verify(sig, msg, signer)
    case 'Ed25519': return ed25519Verify(sig, msg, signer)
    case 'Ecdsa': {
      // The account of an ECDSA signer is blake2_256 of its compressed public key.
      const recovery = sig[64]!
      if (recovery > 3 && (recovery < 27 || recovery > 30)) return false
      try {
        const pub = secp256k1Recover(blake2_256(msg), sig.subarray(0, 64), recovery >= 27 ? recovery - 27 : recovery)
        return equal(blake2_256(secp256k1Compress(pub)), signer)
      } catch {
        return false
      }
    }
  }
}

// A transaction's signed payload is one bytes object from submission to block (the executive keeps
// it), so its cache key, which hashes the payload, is made once per payload object.
const keysOf = new WeakMap<Uint8Array, { kind: SignatureKind; sig: Uint8Array; signer: Uint8Array; key: string }>()

function cacheKey(kind: SignatureKind, sig: Uint8Array, msg: Uint8Array, signer: Uint8Array): string {
  const k = keysOf.get(msg)
  if (k !== undefined && k.kind === kind && k.sig === sig && k.signer === signer) return k.key
  const key = kind + toKeyString(sig) + toKeyString(signer) + toKeyString(blake2_256(msg))
  keysOf.set(msg, { kind, sig, signer, key })
  return key
}

export function verifySignature(kind: SignatureKind, sig: Uint8Array, msg: Uint8Array, signer: Uint8Array): boolean {
  const key = cacheKey(kind, sig, msg, signer)
  if (verified.has(key) || key === assumed) return true
  const ok = check(kind, sig, msg, signer)
  if (ok) remember(key)
  return ok
}

export function isVerified(kind: SignatureKind, sig: Uint8Array, msg: Uint8Array, signer: Uint8Array): boolean {
  return verified.has(cacheKey(kind, sig, msg, signer))
}

/** The cache key of the one signature `withSignatureAssumed` counts as valid, while it runs. */
let assumed: string | undefined

/**
 * Run `fn` with `job`'s signature counted as valid, neither checked nor cached: validation that
 * runs while a worker thread still checks the signature, whose result the caller uses only once
 * the worker confirmed it.
 */
export function withSignatureAssumed<T>(job: SignatureJob, fn: () => T): T {
  const outer = assumed
  assumed = cacheKey(job.kind, job.sig, job.msg, job.signer)
  try {
    return fn()
  } finally {
    assumed = outer
  }
}

/** Record a signature that was checked elsewhere (the worker-thread verifier). */
export function markVerified(kind: SignatureKind, sig: Uint8Array, msg: Uint8Array, signer: Uint8Array): void {
  remember(cacheKey(kind, sig, msg, signer))
}

function remember(key: string): void {
  if (verified.size >= MAX_CACHE) verified.clear()
  verified.add(key)
}
