// The BLS12-381 arithmetic behind the Drand pallet and tle, on herumi's mcl (mcl-wasm): hashing a
// round to G1, scalar products, pairings and the point encodings, about ten times faster than
// @noble/curves (which the tests keep as an independent reference). mcl keeps its settings in
// process-wide state (curve, serialization, map-to mode, the G1 hash DST), so this module is the
// only one of the runtime that loads it: it fixes them once, at import, for every importer (with
// mcl-settings.mjs, which the node's beacon worker thread shares).
import mcl from 'mcl-wasm'
import type { Fr, G1, G2, GT, PrecomputedG2 } from 'mcl-wasm'
import { sameBytes } from '../../codec/bytes.js'
import { initMcl, QUICKNET_DST } from './mcl-settings.mjs'

export { QUICKNET_DST }

export type { G1, G2, GT }

/** The BLS12-381 group order r. */
export const CURVE_ORDER = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n

// The standard G2 generator in the zcash compressed encoding (ark's G2Affine::generator()).
const G2_GENERATOR = '93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8'

let ready: Promise<void> | null = null
let g2Gen: G2 | null = null
let g2GenNegLines: PrecomputedG2 | null = null

/** Loads mcl and fixes its settings; idempotent. Every block-executing path awaits it (at import). */
export function blsReady(): Promise<void> {
  return (ready ??= init())
}

async function init(): Promise<void> {
  await initMcl(mcl)
  const g = new mcl.G2()
  g.deserialize(Buffer.from(G2_GENERATOR, 'hex'))
  g2Gen = g
  g2GenNegLines = new mcl.PrecomputedG2(mcl.neg(g))
}

await blsReady()

function need<T>(x: T | null): T {
  if (x === null) throw new Error('mcl-wasm is not initialised: await blsReady() before using BLS12-381')
  return x
}

export const g2Generator = (): G2 => need(g2Gen)

/** H(m) in G1 under QUICKNET_DST. */
export function hashToG1(msg: Uint8Array): G1 {
  need(g2Gen)
  return mcl.hashAndMapToG1(msg)
}

/** A scalar in [0, r) as mcl's Fr. */
export function fr(k: bigint): Fr {
  if (k < 0n || k >= CURVE_ORDER) throw new RangeError('scalar out of [0, r)')
  const x = new mcl.Fr()
  x.setStr(k.toString(16), 16)
  return x
}

export const mulG1 = (p: G1, k: bigint): G1 => mcl.mul(p, fr(k))
export const mulG2 = (p: G2, k: bigint): G2 => mcl.mul(p, fr(k))
export const pairing = (p: G1, q: G2): GT => mcl.pairing(p, q)

/** A G2 point with its Miller-loop line coefficients, for pairings against the same key. */
export interface PreparedG2 { point: G2; lines: PrecomputedG2 }

// The last key prepared (a chain verifies against one BeaconConfig key for a long time). The
// lines live in wasm memory, so the entry it replaces is freed.
let lastKey: { bytes: Uint8Array; prepared: PreparedG2 | null } | null = null

/** decodeG2 plus the key's line coefficients; null when the bytes do not decode. */
export function prepareG2(bytes: Uint8Array): PreparedG2 | null {
  if (lastKey && sameBytes(lastKey.bytes, bytes)) return lastKey.prepared
  const point = decodeG2(bytes)
  lastKey?.prepared?.lines.destroy()
  lastKey = { bytes: Uint8Array.from(bytes), prepared: point && { point, lines: new mcl.PrecomputedG2(point) } }
  return lastKey.prepared
}

/** e(sig, g2) == e(h, pk): a BLS signature in G1 under a G2 key, as one double Miller loop and one final exponentiation. */
export function blsCheck(sig: G1, h: G1, pk: PreparedG2): boolean {
  const f = mcl.precomputedMillerLoop2(sig, need(g2GenNegLines), h, pk.lines)
  return mcl.finalExp(f).isOne()
}


/**
 * ark-serialize's flag rules for a compressed point (ark-bls12-381 0.4 util.rs), which mcl is
 * laxer about: the compression bit must be set, the sort bit must not come with infinity, and
 * infinity carries no other bit. 'point' means mcl decodes the rest (x < p, on the curve, order r).
 */
function arkFlags(b: Uint8Array): 'point' | 'infinity' | null {
  const b0 = b[0] as number
  const compressed = (b0 & 0x80) !== 0; const infinity = (b0 & 0x40) !== 0; const sort = (b0 & 0x20) !== 0
  if (!compressed || (sort && infinity)) return null
  if (!infinity) return 'point'
  if ((b0 & 0x1f) !== 0) return null
  for (let i = 1; i < b.length; i++) if (b[i] !== 0) return null
  return 'infinity'
}

function decode<T extends G1 | G2>(bytes: Uint8Array, size: number, make: () => T): T | null {
  need(g2Gen)
  if (bytes.length !== size) return null
  const flags = arkFlags(bytes)
  if (flags === null) return null
  const p = make()
  if (flags === 'infinity') return p // a fresh point is the identity
  try { p.deserialize(bytes) } catch { return null }
  return p
}

/** A compressed G1 point (48 bytes) as ark reads it with Validate::Yes; null when it does not decode. */
export const decodeG1 = (bytes: Uint8Array): G1 | null => decode(bytes, 48, () => new mcl.G1())
// Every timelocked commit of a round opens with the same pulse: its signature is decoded (and its
// subgroup checked) once.
let lastG1: { bytes: Uint8Array; point: G1 | null } | null = null

/** decodeG1 remembering its last answer. */
export function decodeG1Again(bytes: Uint8Array): G1 | null {
  if (lastG1 && sameBytes(lastG1.bytes, bytes)) return lastG1.point
  lastG1 = { bytes: Uint8Array.from(bytes), point: decodeG1(bytes) }
  return lastG1.point
}

/** A compressed G2 point (96 bytes) as ark reads it with Validate::Yes; null when it does not decode. */
export const decodeG2 = (bytes: Uint8Array): G2 | null => decode(bytes, 96, () => new mcl.G2())

/** The compressed (zcash/ark) encoding of a point. */
export const encodePoint = (p: G1 | G2): Uint8Array => p.serialize()

/**
 * ark's compressed serialization of a GT element: its twelve Fp coefficients in tower order
 * (c0.c0.c0, c0.c0.c1, c0.c1.c0 …), each 48 bytes little-endian. mcl's ETH serialization has the
 * same order except that each Fp2 is written c1 first, and each Fp big-endian.
 */
export function gtBytesArk(g: GT): Uint8Array {
  const m = g.serialize()
  if (m.length !== 576) throw new Error(`mcl-wasm: unexpected GT encoding length ${m.length}`)
  const out = new Uint8Array(576)
  for (let pair = 0; pair < 6; pair++) {
    const at = pair * 96
    for (let i = 0; i < 48; i++) {
      out[at + i] = m[at + 95 - i] as number // c0: mcl's second coefficient, reversed
      out[at + 48 + i] = m[at + 47 - i] as number // c1: mcl's first, reversed
    }
  }
  return out
}
