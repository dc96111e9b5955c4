// Written values the storage accessors handle without the generic codec (declare/storage-item.ts):
// fixed-width values encoded straight into one array, and one-field structs whose written value
// is kept as the decoding of the bytes written.
import { LITTLE_ENDIAN, putBigLE } from '../../codec/scale.js'
import type { Ty } from '../../codec/types.js'
import { decodesImmutable, roundTrips } from '../../codec/value-copy.js'
import { Slabs } from '../../storage/slabs.js'

/**
 * Item.keptField for `t`: a struct with one named field of a type whose written values read back
 * as themselves. `make(x)`: a fresh `{ [name]: x }`, as the decoder makes it.
 */
export interface KeptField { name: string; check: (v: unknown) => boolean; make: (x: unknown) => Record<string, unknown> }
export function keptFieldOf(t: Ty): KeptField | null {
  const d = t.def
  if (d.tag !== 'composite' || d.fields.length !== 1 || !d.fields[0]!.name) return null
  const check = decodesImmutable(d.fields[0]!.type) ? roundTrips(d.fields[0]!.type) : null
  if (check === null) return null
  const name = d.fields[0]!.name
  // A literal with a computed key is built through a runtime call on every write (≈ 0.15 µs); a
  // copy of a template with that one key takes its shape whole, and the store is then a plain one.
  const template: Record<string, unknown> = { [name]: undefined }
  return { name, check, make: (x) => { const o = { ...template }; o[name] = x; return o } }
}

/**
 * Written fixed-width values are views on small shared slabs: a block writes ~500 of them (32
 * subnets), and a view costs the heap less than a Uint8Array of its own. A slab is small, so a
 * value that stays long pins little memory. (A value is never written again once handed out.)
 */
const valueSlabs = new Slabs(256)

/**
 * 8- and 16-byte integers go into slabs of 64-bit words, a word stored at once (a BigUint64Array
 * store takes the value mod 2^64, two's complement for a negative one) instead of through a
 * scratch word and a byte copy. Little-endian hosts only (the words' bytes are the SCALE bytes).
 */
// (Its own slab bookkeeping, not a Slabs: reserve's call and the view's byteOffset measured
// 2-5 % slower on the ordinary block's hook, hook-ab both orders.)
const WORD_SLAB = 256
let wordSlab = new ArrayBuffer(WORD_SLAB)
let words = new BigUint64Array(wordSlab)
let wordsUsed = 0
const MAX_U64 = (1n << 64n) - 1n

/** n (8 or 16) fresh bytes holding `lo` in the first word and, when not null, `hi` in the second. */
function wordsOf(lo: bigint, hi: bigint | null, n: number): Uint8Array {
  if (wordsUsed + n > WORD_SLAB) {
    wordSlab = new ArrayBuffer(WORD_SLAB)
    words = new BigUint64Array(wordSlab)
    wordsUsed = 0
  }
  const w = wordsUsed >>> 3
  words[w] = lo
  // (a fresh slab is zeroed: a high word of 0 needs no store)
  if (hi !== null) words[w + 1] = hi
  const out = new Uint8Array(wordSlab, wordsUsed, n)
  wordsUsed += n
  return out
}

/** Byte widths of the unsigned primitives (also event-layout.ts's: one table of the fixed-width integers). */
export const UNSIGNED_WIDTH: Readonly<Record<string, number>> = { u8: 1, u16: 2, u32: 4, u64: 8, u128: 16 }

/** An integer number `v` (0 <= v < 2^(8·width), width <= 4) written little-endian at out[at, at + width). */
export function putSmallLE(out: Uint8Array, at: number, v: number, width: number): void {
  for (let i = 0, x = v; i < width; i++, x = Math.floor(x / 256)) out[at + i] = x & 0xff
}
const SIGNED_WIDTH: Record<string, number> = { i64: 8, i128: 16 }

/**
 * The SCALE bytes of a fixed-width value written straight into one array: a u64/u128/i64/i128
 * from a bigint in range, a u8/u16/u32 from an integer number in range, a bool, and a newtype or
 * one-field struct of one of those (fixed-point `{ bits }` values). null for anything else, which
 * then goes through the generic encoder (and its range errors). Null when `t` has no such shape.
 */
export function fixedEncoder(t: Ty): ((v: unknown) => Uint8Array | null) | null {
  const d = t.def
  if (d.tag === 'composite' && d.fields.length === 1) {
    const inner = fixedEncoder(d.fields[0]!.type)
    const name = d.fields[0]!.name
    if (inner === null) return null
    if (!name) return inner
    return (v) => (v !== null && typeof v === 'object' ? inner((v as Record<string, unknown>)[name]) : null)
  }
  if (d.tag !== 'primitive') return null
  if (d.prim === 'bool') return (v) => (v === true ? new Uint8Array([1]) : v === false ? new Uint8Array(1) : null)
  const unsigned = UNSIGNED_WIDTH[d.prim]
  if (unsigned !== undefined && unsigned <= 4) {
    const limit = 2 ** (8 * unsigned)
    return (v) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= limit) return null
      const out = valueSlabs.reserve(unsigned)
      putSmallLE(out, 0, v, unsigned)
      return out
    }
  }
  const n = unsigned ?? SIGNED_WIDTH[d.prim]
  if (n === undefined) return null
  const min = unsigned !== undefined ? 0n : -(1n << BigInt(8 * n - 1))
  const limit = unsigned !== undefined ? 1n << BigInt(8 * n) : 1n << BigInt(8 * n - 1)
  if (LITTLE_ENDIAN && n === 8) return (v) => (typeof v === 'bigint' && v >= min && v < limit ? wordsOf(v, null, 8) : null)
  if (LITTLE_ENDIAN && n === 16) return (v) => (typeof v === 'bigint' && v >= min && v < limit ? wordsOf(v, v >= 0n && v <= MAX_U64 ? null : v >> 64n, 16) : null)
  return (v) => {
    if (typeof v !== 'bigint' || v < min || v >= limit) return null
    const out = valueSlabs.reserve(n)
    // (a negative value as its two's complement, as SCALE writes signed integers)
    putBigLE(out, 0, v < 0n ? BigInt.asUintN(8 * n, v) : v, n)
    return out
  }
}
