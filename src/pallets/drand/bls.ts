// drand quicknet's signature scheme, `bls-unchained-g1-rfc9380` (pallets/drand/src/verifier.rs and
// tle's TinyBLS381): public keys in G2 (96 bytes), signatures in G1 (48 bytes), both in the
// zcash compressed encoding that ark-bls12-381 0.4 also uses; the message of round r is
// sha256(r as u64 big-endian), hashed to G1 with the RFC 9380 suite of mcl.ts (QUICKNET_DST).
import { sha256 } from '@noble/hashes/sha2'
import { blsCheck, CURVE_ORDER, decodeG1, encodePoint, g2Generator, hashToG1, mulG1, mulG2, prepareG2, type G1 } from './mcl.js'

export { QUICKNET_DST, decodeG1, decodeG2, type G1, type G2 } from './mcl.js'
export const SCHEME_ID = 'bls-unchained-g1-rfc9380'

/**
 * drand quicknet's group public key, period and genesis — the Drand pallet's DefaultBeaconConfig
 * (pallets/drand/src/lib.rs at HEAD), which matches https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/info.
 */
export const QUICKNET = {
  publicKey: hex('83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a'),
  period: 3,
  genesisTime: 1_692_803_367,
  hash: hex('52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971'),
  groupHash: hex('f477d5c89f21a17c863a7f937c6a6d15859414d2be09cd448d4279af331c5d3e'),
  beaconId: 'quicknet',
} as const

/** `message(round, &[])`: what an unchained beacon signs for a round. */
export function roundMessage(round: bigint): Uint8Array {
  const b = new Uint8Array(8)
  new DataView(b.buffer).setBigUint64(0, round, false)
  return sha256(b)
}

/** The round's identity point H(m) in G1 (also the IBE identity of tle's timelock encryption). */
export const roundPoint = (round: bigint): G1 => hashToG1(roundMessage(round))

/** The G2 public key of a 32-byte big-endian secret scalar. */
export const publicKeyOf = (secretKey: Uint8Array): Uint8Array => encodePoint(mulG2(g2Generator(), secretScalar(secretKey)))

/** The beacon's signature of a round: sk · H(sha256(round)), deterministic as drand's. */
export const signRound = (secretKey: Uint8Array, round: bigint): Uint8Array => encodePoint(mulG1(roundPoint(round), secretScalar(secretKey)))

/** The secret key as BLS signing reads it: 32 bytes big-endian, a scalar in [1, r). */
function secretScalar(secretKey: Uint8Array): bigint {
  let k = 0n
  for (const b of secretKey) k = (k << 8n) | BigInt(b)
  if (secretKey.length !== 32 || k <= 0n || k >= CURVE_ORDER) throw new Error('beacon secret key: 32 bytes, a scalar in [1, r)')
  return k
}

/**
 * QuicknetVerifier::verify: e(sig, g2) == e(H(m), pk). The key and signature are read as ark_scale
 * reads them (the leading 96 / 48 bytes, the rest ignored; Validate::Yes); null when either does
 * not decode (the verifier's Err), else whether the pairing equation holds.
 */
export function checkRound(publicKey: Uint8Array, round: bigint, signature: Uint8Array): boolean | null {
  const pk = prepareG2(publicKey.subarray(0, 96))
  const sig = decodeG1(signature.subarray(0, 48))
  if (!pk || !sig) return null
  return blsCheck(sig, roundPoint(round), pk)
}

/** A pulse is valid for the key: decodable and the pairing equation holds. */
export const verifyRound = (publicKey: Uint8Array, round: bigint, signature: Uint8Array): boolean =>
  signature.length === 48 && checkRound(publicKey, round, signature) === true

/** A pulse's randomness: sha256 of its signature, as drand publishes it. */
export const randomnessOf = (signature: Uint8Array): Uint8Array => sha256(signature)

function hex(s: string): Uint8Array {
  const out = new Uint8Array(s.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16)
  return out
}

// mcl's settings are process-wide state: fail at load, not in a block, if they do not reproduce
// quicknet's published round 1000 (tests.rs DRAND_PULSE).
if (checkRound(QUICKNET.publicKey, 1000n, hex('b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39')) !== true) {
  throw new Error('BLS12-381 backend (mcl-wasm) does not verify quicknet round 1000: its global settings are wrong')
}
