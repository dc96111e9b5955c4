// Deterministic pseudo-random values for any Ty, in the SCALE codec's JS conventions
// (codec/scale.ts), for round-trip tests against polkadot.js.
import type { Field, Ty } from '../../codec/types.js'
import { isOption } from '../../codec/types.js'

export class Rng {
  constructor(private s: number) {}
  next(): number {
    // mulberry32
    this.s = (this.s + 0x6d2b79f5) | 0
    let t = this.s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(n: number): number { return Math.floor(this.next() * n) }
  bytes(n: number): Uint8Array { return Uint8Array.from({ length: n }, () => this.int(256)) }
  big(bits: number): bigint {
    let v = 0n
    for (let i = 0; i < bits; i += 8) v = (v << 8n) | BigInt(this.int(256))
    v &= (1n << BigInt(bits)) - 1n
    // Mix in small values too: compact encodings have several size classes.
    return this.int(3) === 0 ? v % 1000n : v
  }
}

const uintBits: Record<string, number> = { u8: 8, u16: 16, u32: 32, u64: 64, u128: 128, u256: 256 }
const intBits: Record<string, number> = { i8: 8, i16: 16, i32: 32, i64: 64, i128: 128, i256: 256 }

/**
 * `depth` bounds recursion: past it sequences are empty and enums prefer field-less variants.
 * MultiAddress is always `Id`, the only variant clients send: polkadot.js's MultiAddress class
 * assumes a u32 `Index` where this runtime's `AccountIndex = ()` encodes nothing, and it reads a
 * field that sits in the last ≤ 8 bytes of its input as an index, whatever the variant byte says.
 */
export function sample(t: Ty, r: Rng, depth = 0): unknown {
  const d = t.def
  switch (d.tag) {
    case 'primitive': {
      const p = d.prim
      if (p === 'bool') return r.int(2) === 1
      if (p === 'str') return ['', 'a', 'hello', 'ünïcødé ✓'][r.int(4)]!
      if (p === 'char') return 'x'
      const ub = uintBits[p]
      if (ub !== undefined) return ub <= 32 ? Math.floor(r.next() * 2 ** ub) : r.big(ub)
      const ib = intBits[p]!
      if (ib <= 32) return Math.floor(r.next() * 2 ** ib) - 2 ** (ib - 1)
      return r.big(ib - 1) * (r.int(2) ? 1n : -1n)
    }
    case 'compact': {
      let base = d.of
      while (base.def.tag === 'composite' && base.def.fields.length === 1) base = base.def.fields[0]!.type
      if (base.def.tag === 'tuple') return null
      const p = base.def.tag === 'primitive' ? base.def.prim : 'u128'
      const bits = uintBits[p] ?? 128
      return bits <= 32 ? Math.floor(r.next() * 2 ** bits) : r.big(bits)
    }
    case 'sequence': {
      const n = depth > 2 ? 0 : r.int(4)
      if (isByte(d.of)) return r.bytes(n * 5)
      return Array.from({ length: n }, () => sample(d.of, r, depth + 1))
    }
    case 'array':
      if (isByte(d.of)) return r.bytes(d.len)
      return Array.from({ length: d.len }, () => sample(d.of, r, depth + 1))
    case 'tuple':
      return d.of.length === 0 ? null : d.of.map((x) => sample(x, r, depth + 1))
    case 'composite': {
      const v = fields(d.fields, r, depth)
      // A BTreeSet/BTreeMap encodes its items in key order without duplicates (clients sort them).
      if ((t.path[0] === 'BTreeSet' || t.path[0] === 'BTreeMap') && Array.isArray(v)) return sortedUnique(v, t.path[0] === 'BTreeMap')
      return v
    }
    case 'variant': {
      if (isOption(t)) return r.int(2) === 0 ? null : sample(d.variants[1]!.fields[0]!.type, r, depth + 1)
      let vs = d.variants
      if (t.path.join('::') === 'sp_runtime::multiaddress::MultiAddress') vs = vs.filter((v) => v.name === 'Id')
      if (depth > 3 && vs.some((v) => v.fields.length === 0)) vs = vs.filter((v) => v.fields.length === 0)
      const v = vs[r.int(vs.length)]!
      return v.fields.length === 0 ? { type: v.name } : { type: v.name, value: fields(v.fields, r, depth) }
    }
    case 'bitSequence':
      throw new Error('no BitVec in this runtime')
  }
}

function fields(fs: Field[], r: Rng, depth: number): unknown {
  if (fs.length === 0) return null
  if (fs.length === 1 && !fs[0]!.name) return sample(fs[0]!.type, r, depth + 1)
  if (fs.every((x) => x.name)) {
    const o: Record<string, unknown> = {}
    for (const x of fs) o[x.name!] = sample(x.type, r, depth + 1)
    return o
  }
  return fs.map((x) => sample(x.type, r, depth + 1))
}

function sortedUnique(items: unknown[], isMap: boolean): unknown[] {
  const keyOf = (x: unknown): bigint => BigInt((isMap ? (x as unknown[])[0] : x) as number | bigint)
  const seen = new Set<bigint>()
  return items.filter((x) => { const k = keyOf(x); if (seen.has(k)) return false; seen.add(k); return true })
    .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0))
}

function isByte(t: Ty): boolean { return t.def.tag === 'primitive' && t.def.prim === 'u8' }
