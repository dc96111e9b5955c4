// tle's timelock encryption (ideal-lab5/timelock rev 5416406, the crate subtensor and the SDK's
// bittensor-drand use): Boneh–Franklin FullIdent IBE on BLS12-381 wraps a 32-byte AES-256-GCM key
// for the identity of a drand round; the round's signature is the IBE secret that unwraps it.
// TLECiphertext<TinyBLS381>, serialize_compressed (ark-serialize 0.4 derive, fields in order):
//   header.u  G2 point, 96 bytes compressed (zcash encoding)
//   header.v  Vec<u8>  (u64 LE length ++ bytes)   sigma ⊕ H2(e(Q_id, r·P_pub))
//   header.w  Vec<u8>                             key ⊕ sha256(sigma)
//   body      Vec<u8> = AESOutput { ciphertext: Vec<u8>, nonce: Vec<u8> } serialized the same way
//   cipher_suite Vec<u8> ("AES_GCM_")
// H2 hashes the pairing value serialized as arkworks does: 12 Fp coefficients, each 48 bytes
// little-endian (mcl.ts gtBytesArk).
import { gcm } from '@noble/ciphers/aes.js'
import { sha256 } from '@noble/hashes/sha2'
import { randomBytes as nobleRandomBytes } from '@noble/hashes/utils'
import { roundPoint } from './bls.js'
import { CURVE_ORDER, decodeG1Again, decodeG2, encodePoint, g2Generator, gtBytesArk, mulG2, pairing, type G1, type G2, type GT } from './mcl.js'

export const CIPHER_SUITE = new TextEncoder().encode('AES_GCM_')

export interface TleCiphertext { u: G2; v: Uint8Array; w: Uint8Array; body: Uint8Array; cipherSuite: Uint8Array }

/** Why a ciphertext did not open — tle's Error variants, for logs and tests. */
export type TlockError = 'Deserialization' | 'InvalidSignature' | 'InvalidSecretKey' | 'BodyDeserialization' | 'Decryption'

class Reader {
  private at = 0
  constructor(private readonly b: Uint8Array) {}
  take(n: number): Uint8Array | null {
    if (n < 0 || this.at + n > this.b.length) return null
    const out = this.b.subarray(this.at, this.at + n)
    this.at += n
    return out
  }
  /** ark-serialize Vec<u8>: a u64 little-endian length, then the bytes. */
  vec(): Uint8Array | null {
    const len = this.take(8)
    if (!len) return null
    const n = new DataView(len.buffer, len.byteOffset, 8).getBigUint64(0, true)
    return n > BigInt(this.b.length) ? null : this.take(Number(n))
  }
}

function vec(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + bytes.length)
  new DataView(out.buffer).setBigUint64(0, BigInt(bytes.length), true)
  out.set(bytes, 8)
  return out
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

/** `TLECiphertext::deserialize_compressed`: trailing bytes are left unread, as ark does. */
export function decodeTle(bytes: Uint8Array): TleCiphertext | null {
  const r = new Reader(bytes)
  const uBytes = r.take(96)
  const u = uBytes && decodeG2(uBytes)
  if (!u) return null
  const v = r.vec(); const w = r.vec(); const body = r.vec(); const cipherSuite = r.vec()
  if (!v || !w || !body || !cipherSuite) return null
  return { u, v, w, body, cipherSuite }
}

export function encodeTle(c: TleCiphertext): Uint8Array {
  return concat(encodePoint(c.u), vec(c.v), vec(c.w), vec(c.body), vec(c.cipherSuite))
}

const h2 = (g: GT): Uint8Array => sha256(gtBytesArk(g))
/** h3: sha256(a ‖ b) read big-endian, reduced mod r (`from_be_bytes_mod_order`). */
const h3 = (a: Uint8Array, b: Uint8Array): bigint => bytesToBigBE(sha256(concat(a, b))) % CURVE_ORDER
/** h4: sha256 cut to the input's length (tle panics above 32 bytes; such input never opens here). */
const h4 = (a: Uint8Array): Uint8Array => sha256(a).subarray(0, a.length)
/** cross_product_32: XOR of a's first 32 bytes with b, a's length kept. */
function xor32(a: Uint8Array, b: Uint8Array): Uint8Array {
  const o = Uint8Array.from(a)
  for (let i = 0; i < Math.min(32, o.length); i++) o[i] = (o[i] as number) ^ (b[i] as number)
  return o
}

function bytesToBigBE(b: Uint8Array): bigint {
  let x = 0n
  for (const byte of b) x = (x << 8n) | BigInt(byte)
  return x
}

/** k·g2 (the identity for k = 0). */
const timesG2 = (k: bigint): G2 => mulG2(g2Generator(), k)

/** IBESecret::decrypt + tld with AES-GCM: the plaintext, or why it did not open. */
export function tld(ct: TleCiphertext, signature: G1): { ok: true; value: Uint8Array } | { ok: false; error: TlockError } {
  if (ct.v.length > 32) return { ok: false, error: 'InvalidSignature' }
  const sigma = xor32(ct.v, h2(pairing(signature, ct.u)))
  const m = xor32(ct.w, h4(sigma))
  if (!timesG2(h3(sigma, m)).isEqual(ct.u)) return { ok: false, error: 'InvalidSignature' }
  if (m.length !== 32) return { ok: false, error: 'InvalidSecretKey' }
  const r = new Reader(ct.body)
  const aesCt = r.vec(); const nonce = r.vec()
  if (!aesCt || !nonce) return { ok: false, error: 'BodyDeserialization' }
  if (nonce.length !== 12) return { ok: false, error: 'Decryption' }
  try {
    return { ok: true, value: gcm(m, nonce).decrypt(aesCt) }
  } catch {
    return { ok: false, error: 'Decryption' }
  }
}

/** The chain's path: deserialize the commit and the pulse signature, then tld. */
export function decryptWithSignature(commit: Uint8Array, signature: Uint8Array): { ok: true; value: Uint8Array } | { ok: false; error: TlockError } {
  const ct = decodeTle(commit)
  if (!ct) return { ok: false, error: 'Deserialization' }
  const sig = decodeG1Again(signature)
  if (!sig) return { ok: false, error: 'Deserialization' }
  return tld(ct, sig)
}

/**
 * `tle::<TinyBLS381, AESGCMStreamCipherProvider>` for the identity of `round` under the beacon
 * key `publicKey`: a fresh AES key wrapped by FullIdent IBE, the message sealed under it.
 */
export function tle(publicKey: Uint8Array, round: bigint, message: Uint8Array, randomBytes: (n: number) => Uint8Array = nobleRandomBytes): Uint8Array {
  const pPub = decodeG2(publicKey)
  if (!pPub) throw new Error('timelock: the beacon public key is not a valid compressed G2 point')
  const key = randomBytes(32)
  // FullIdent encrypt: t random in Fr, sigma = h4(t serialized little-endian), r = h3(sigma, key)
  const t = bytesToBigBE(randomBytes(64)) % CURVE_ORDER
  const sigma = h4(le32(t))
  const r = h3(sigma, key)
  const u = timesG2(r)
  const gId = pairing(roundPoint(round), mulG2(pPub, r))
  const v = xor32(sigma, h2(gId))
  const w = xor32(key, h4(sigma))
  const nonce = randomBytes(12)
  const sealed = gcm(key, nonce).encrypt(message)
  return encodeTle({ u, v, w, body: concat(vec(sealed), vec(nonce)), cipherSuite: CIPHER_SUITE })
}

function le32(x: bigint): Uint8Array {
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) { out[i] = Number(x & 0xffn); x >>= 8n }
  return out
}
