// The mcl-wasm backend held to @noble/curves, an independent BLS12-381 implementation: signatures,
// keys, point decoding and the GT encoding tle hashes must agree byte for byte.
import { describe, expect, it } from 'vitest'
import { bls12_381 } from '@noble/curves/bls12-381'
import { sha256 } from '@noble/hashes/sha2'
import { checkRound, publicKeyOf, QUICKNET, QUICKNET_DST, roundMessage, signRound, verifyRound } from './bls.js'
import { CURVE_ORDER, decodeG1, decodeG2, encodePoint, gtBytesArk, pairing } from './mcl.js'

const N = bls12_381
const Fp = N.fields.Fp
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'))
const SIG_1000 = hex('b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39')

/** A reproducible byte stream: sha256(label ‖ counter) blocks. */
function stream(label: string): (n: number) => Uint8Array {
  let i = 0
  return (n) => {
    const out = new Uint8Array(n)
    for (let at = 0; at < n; at += 32) out.set(sha256(new TextEncoder().encode(`${label}/${i++}`)).subarray(0, Math.min(32, n - at)), at)
    return out
  }
}
const big = (b: Uint8Array): bigint => b.reduce((x, y) => (x << 8n) | BigInt(y), 0n)
const be32 = (k: bigint): Uint8Array => hex(k.toString(16).padStart(64, '0'))
/** A secret key in [1, r), with every length from 1 to 32 bytes represented. */
function secretKey(next: (n: number) => Uint8Array, i: number): Uint8Array {
  const k = big(next(32)) >> BigInt(8 * (i % 32))
  return be32((k % (CURVE_ORDER - 1n)) + 1n)
}
const nobleSign = (sk: Uint8Array, round: bigint): Uint8Array =>
  N.shortSignatures.sign(N.G1.hashToCurve(roundMessage(round), { DST: QUICKNET_DST }) as never, sk).toBytes(true)
const nobleDecode = (bytes: Uint8Array, g: 1 | 2): boolean => {
  try { (g === 1 ? N.G1.Point : N.G2.Point).fromHex(bytes); return true } catch { return false }
}

/** ark's GT serialization computed from noble's Fp12: the twelve coefficients, 48 bytes little-endian each. */
function nobleGtArk(g: ReturnType<typeof N.pairing>): Uint8Array {
  const out = new Uint8Array(576)
  let at = 0
  for (const f6 of [g.c0, g.c1]) for (const f2 of [f6.c0, f6.c1, f6.c2]) for (let c of [f2.c0, f2.c1]) {
    for (let i = 0; i < 48; i++) { out[at++] = Number(c & 0xffn); c >>= 8n }
  }
  return out
}

describe('mcl-wasm BLS12-381 against @noble/curves', () => {
  it('signs 200 random rounds under random keys exactly as noble does', () => {
    const next = stream('sign')
    for (let i = 0; i < 200; i++) {
      const sk = secretKey(next, i)
      const round = big(next(8)) >> BigInt(i % 64)
      expect(Buffer.from(signRound(sk, round)).toString('hex')).toBe(Buffer.from(nobleSign(sk, round)).toString('hex'))
    }
  })

  it('derives the same G2 public keys, and refuses keys outside [1, r)', () => {
    const next = stream('pk')
    for (let i = 0; i < 16; i++) {
      const sk = secretKey(next, i * 2)
      expect(publicKeyOf(sk)).toEqual(N.shortSignatures.getPublicKey(sk).toBytes(true))
    }
    expect(() => signRound(new Uint8Array(32), 1n)).toThrow(/secret key/)
    expect(() => signRound(be32(CURVE_ORDER), 1n)).toThrow(/secret key/)
    expect(() => publicKeyOf(new Uint8Array(31).fill(1))).toThrow(/secret key/)
    expect(CURVE_ORDER).toBe(N.fields.Fr.ORDER)
  })

  it('verifies the recorded quicknet round 1000 and rejects every tampering', () => {
    expect(checkRound(QUICKNET.publicKey, 1000n, SIG_1000)).toBe(true)
    expect(checkRound(QUICKNET.publicKey, 999n, SIG_1000)).toBe(false)
    // ark_scale reads the leading bytes only
    expect(checkRound(Uint8Array.from([...QUICKNET.publicKey, 7, 7]), 1000n, Uint8Array.from([...SIG_1000, 1]))).toBe(true)
    expect(verifyRound(QUICKNET.publicKey, 1000n, Uint8Array.from([...SIG_1000, 1]))).toBe(false)
    expect(checkRound(QUICKNET.publicKey, 1000n, SIG_1000.subarray(0, 47))).toBeNull()
    // every single-bit flip of the signature: noble's decoder decides null vs false, the pairing never holds
    for (let bit = 0; bit < 384; bit++) {
      const sig = SIG_1000.slice()
      sig[bit >> 3]! ^= 1 << (bit & 7)
      const got = checkRound(QUICKNET.publicKey, 1000n, sig)
      expect(got, `bit ${bit}`).toBe(nobleDecode(sig, 1) ? false : null)
      if (got === false) expect(N.shortSignatures.verify(N.G1.Point.fromHex(sig) as never, N.G1.hashToCurve(roundMessage(1000n), { DST: QUICKNET_DST }) as never, QUICKNET.publicKey)).toBe(false)
    }
    // and of the key
    for (let bit = 0; bit < 768; bit += 5) {
      const pk = QUICKNET.publicKey.slice()
      pk[bit >> 3]! ^= 1 << (bit & 7)
      expect(checkRound(pk, 1000n, SIG_1000), `bit ${bit}`).toBe(nobleDecode(pk, 2) ? false : null)
    }
  })

  it('accepts a local beacon\'s pulses for their own round and key only', () => {
    const next = stream('verify')
    for (let i = 0; i < 20; i++) {
      const sk = secretKey(next, i); const other = secretKey(next, i + 1)
      const round = big(next(4)) + 1n
      const sig = nobleSign(sk, round)
      const pk = publicKeyOf(sk)
      expect(checkRound(pk, round, sig)).toBe(true)
      expect(checkRound(pk, round + 1n, sig)).toBe(false)
      expect(checkRound(publicKeyOf(other), round, sig)).toBe(false)
      expect(checkRound(pk, round, nobleSign(other, round))).toBe(false)
    }
  })

  it('decodes points as ark does: valid points round-trip, off-subgroup and malformed bytes fail', () => {
    const next = stream('decode')
    for (let i = 0; i < 20; i++) {
      const k = (big(next(32)) % (CURVE_ORDER - 1n)) + 1n
      const p1 = N.G1.Point.BASE.multiply(k).toBytes(true); const p2 = N.G2.Point.BASE.multiply(k).toBytes(true)
      expect(encodePoint(decodeG1(p1)!)).toEqual(p1)
      expect(encodePoint(decodeG2(p2)!)).toEqual(p2)
    }
    // random x coordinates with the compression bit: about half are on the curve, almost none in G1
    let onCurve = 0
    for (let i = 0; i < 100; i++) {
      const b = next(48); b[0] = (b[0]! & 0x3f) | 0x80 | (i & 1 ? 0x20 : 0)
      const x = big(b) & ((1n << 381n) - 1n)
      if (x < Fp.ORDER && Fp.pow(Fp.add(Fp.pow(x, 3n), 4n), (Fp.ORDER - 1n) / 2n) === 1n) onCurve++ // Euler's criterion: y² = x³ + 4 solvable
      expect(decodeG1(b) !== null, Buffer.from(b).toString('hex')).toBe(nobleDecode(b, 1))
    }
    expect(onCurve).toBeGreaterThan(20) // the subgroup check, not the curve check, refused those
    const inf1 = new Uint8Array(48); inf1[0] = 0xc0
    const inf2 = new Uint8Array(96); inf2[0] = 0xc0
    expect(decodeG1(inf1)!.isZero()).toBe(true)
    expect(decodeG2(inf2)!.isZero()).toBe(true)
    const bad: Array<[string, Uint8Array, 1 | 2]> = [
      ['G1 without the compression bit', N.G1.Point.BASE.toBytes(true).map((v, i) => (i === 0 ? v & 0x7f : v)), 1],
      ['G2 without the compression bit', N.G2.Point.BASE.toBytes(true).map((v, i) => (i === 0 ? v & 0x7f : v)), 2],
      ['G1 infinity with x bits', inf1.map((v, i) => (i === 47 ? 1 : v)), 1],
      ['G2 infinity with x bits', inf2.map((v, i) => (i === 95 ? 1 : v)), 2],
      ['G1 x = p', Uint8Array.from(Buffer.from((Fp.ORDER | (1n << 383n)).toString(16), 'hex')), 1],
      ['G1 of 47 bytes', N.G1.Point.BASE.toBytes(true).subarray(0, 47), 1],
    ]
    for (const [what, b, g] of bad) {
      expect(g === 1 ? decodeG1(b) : decodeG2(b), what).toBeNull()
      expect(nobleDecode(b, g), what).toBe(false)
    }
    // ark refuses the sort bit on infinity (EncodingFlags::get_flags); noble lets it through
    expect(decodeG1(inf1.map((v, i) => (i === 0 ? 0xe0 : v)))).toBeNull()
    expect(decodeG2(inf2.map((v, i) => (i === 0 ? 0xe0 : v)))).toBeNull()
  })

  it('an identity signature fails the pairing check as ark computes it (e(0, g2) = 1)', () => {
    const inf1 = new Uint8Array(48); inf1[0] = 0xc0
    const inf2 = new Uint8Array(96); inf2[0] = 0xc0
    expect(checkRound(QUICKNET.publicKey, 1000n, inf1)).toBe(false)
    expect(checkRound(inf2, 1000n, inf1)).toBe(true) // both sides are 1
  })

  it('serializes pairings as ark does (the bytes tle hashes)', () => {
    const next = stream('gt')
    for (let i = 0; i < 8; i++) {
      const a = (big(next(32)) % (CURVE_ORDER - 1n)) + 1n; const b = (big(next(32)) % (CURVE_ORDER - 1n)) + 1n
      const P = N.G1.Point.BASE.multiply(a); const Q = N.G2.Point.BASE.multiply(b)
      expect(gtBytesArk(pairing(decodeG1(P.toBytes(true))!, decodeG2(Q.toBytes(true))!))).toEqual(nobleGtArk(N.pairing(P, Q)))
    }
  })
})
