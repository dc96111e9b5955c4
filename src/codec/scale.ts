// SCALE encoder/decoder derived from a Ty (types.ts). One compiled codec per type object.
//
// JS value conventions:
//   bool → boolean; u8..u32, i8..i32 → number; u64 and wider → bigint; str → string
//   Compact<u8|u16|u32> → number, other compacts → bigint
//   Vec<u8>, [u8; N] → Uint8Array; other sequences/arrays → arrays; tuples → arrays (unit → null)
//   composite: no fields → null; named fields → object keyed by the Rust field names;
//              one unnamed field → the inner value (newtypes such as AccountId32, H256);
//              several unnamed fields → array
//   Option<T> → T | null
//   other enums → { type: 'VariantName', value?: <fields as for composites> }
import { hexToBytes } from './bytes.js'
import type { Field, Ty } from './types.js'
import { isOption } from './types.js'
import { Reader, ScaleError, Writer, readCompact, readCompactNumber, writeCompact } from './scale-io.js'

export { LITTLE_ENDIAN, MAX_DEPTH_MESSAGE, MAX_EXTRINSIC_DEPTH, Reader, ScaleError, Writer, compactBytes, putBigLE, readCompact, readCompactNumber, writeCompact } from './scale-io.js'

/** `Some(x)` of an Option whose `x` may itself be None (`Option<Option<T>>`): `new Some(null)` is 0x0100. */
export class Some<T = unknown> { constructor(readonly value: T) {} }


export interface Codec<T = unknown> {
  enc(w: Writer, v: T): void
  dec(r: Reader): T
}

const compiled = new WeakMap<Ty, Codec>()

export function codecOf<T = unknown>(t: Ty): Codec<T> {
  let c = compiled.get(t)
  if (!c) {
    // Placeholder first, so a recursive type finds itself while it is being compiled.
    const slot: Codec = { enc: (w, v) => real.enc(w, v), dec: (r) => real.dec(r) }
    compiled.set(t, slot)
    const real = compile(t)
    compiled.set(t, real)
    c = real
  }
  return c as Codec<T>
}

// One spare Writer (and its buffer) for the encodings in flight: an encoding then costs one
// exact-size copy, not a fresh buffer that doubles as it grows. Taken while in use, so a nested
// encode gets its own.
let spare: Writer | null = new Writer(4096)

/** Encode with `fn` into a Writer on the spare buffer; returns a copy of exactly what it wrote. */
export function encodeWith(fn: (w: Writer) => void): Uint8Array {
  const w = takeWriter()
  try {
    fn(w)
    return w.finish()
  } finally {
    giveBack(w)
  }
}

/** encode() by a codec already at hand (declare/storage-item.ts keeps one per item). */
export function encodeBy<T>(codec: Codec<T>, v: T): Uint8Array {
  const w = takeWriter()
  try {
    codec.enc(w, v)
    return w.finish()
  } finally {
    giveBack(w)
  }
}

function takeWriter(): Writer {
  const w = spare
  if (w === null) return new Writer(256)
  spare = null
  w.len = 0
  return w
}

function giveBack(w: Writer): void {
  // A buffer that grew for one huge value (a runtime upgrade's code) is not kept.
  if (w.buf.length <= 65_536) spare = w
}

export function encode(t: Ty, v: unknown): Uint8Array {
  return encodeBy(codecOf(t), v)
}

/** Decode a complete value: trailing bytes are an error, as in parity-scale-codec's decode_all. */
export function decode<T = unknown>(t: Ty, bytes: Uint8Array): T {
  return decodeBy(codecOf<T>(t), bytes, t)
}

/** decode() by a codec already at hand; `t` names the type in the trailing-bytes error. */
export function decodeBy<T>(codec: Codec<T>, bytes: Uint8Array, t: Ty): T {
  // The spare Reader when free (a nested decode makes its own): no Reader per storage read.
  let r = spareReader
  if (r === null) r = new Reader(bytes)
  else { spareReader = null; r.reset(bytes) }
  try {
    const v = codec.dec(r)
    if (r.remaining !== 0) throw new ScaleError(`${r.remaining} trailing bytes after decoding ${t.path.join('::') || t.def.tag}`)
    return v
  } finally {
    r.buf = EMPTY
    spareReader = r
  }
}

const EMPTY = new Uint8Array(0)
let spareReader: Reader | null = new Reader(EMPTY)

export const bigPrims: Record<string, number> = { u64: 8, u128: 16, u256: 32, i64: 8, i128: 16, i256: 32 }
const smallPrims: Record<string, number> = { u8: 1, u16: 2, u32: 4, i8: 1, i16: 2, i32: 4 }
const textEncoder = new TextEncoder()
const textDecoder = new TextDecoder('utf-8', { fatal: true })

export function isByte(t: Ty): boolean { return t.def.tag === 'primitive' && t.def.prim === 'u8' }

function compile(t: Ty): Codec {
  const d = t.def
  switch (d.tag) {
    case 'primitive': return primitive(d.prim)
    case 'compact': return compactCodec(d.of)
    case 'sequence': {
      if (isByte(d.of)) {
        return {
          enc: (w, v) => { const b = asBytes(v); writeCompact(w, b.length); w.bytes(b) },
          dec: (r) => r.copy(readCompactNumber(r)),
        }
      }
      const inner = codecOf(d.of)
      // Vectors of integers are read in one go by parity-scale-codec; any other element type descends.
      const descends = !(d.of.def.tag === 'primitive' && d.of.def.prim !== 'bool' && d.of.def.prim !== 'str' && d.of.def.prim !== 'char')
      return {
        enc: (w, v) => { const a = v as unknown[]; writeCompact(w, a.length); for (const x of a) inner.enc(w, x) },
        dec: (r) => {
          const n = readCompactNumber(r)
          if (n > r.remaining) throw new ScaleError('sequence length exceeds input')
          const out = new Array<unknown>(n)
          if (descends) r.descend()
          for (let i = 0; i < n; i++) out[i] = inner.dec(r)
          if (descends) r.ascend()
          return out
        },
      }
    }
    case 'array': {
      const len = d.len
      if (isByte(d.of)) {
        return {
          enc: (w, v) => { const b = asBytes(v); if (b.length !== len) throw new ScaleError(`expected ${len} bytes, got ${b.length}`); w.bytes(b) },
          dec: (r) => r.copy(len),
        }
      }
      const inner = codecOf(d.of)
      return {
        enc: (w, v) => { const a = v as unknown[]; if (a.length !== len) throw new ScaleError(`expected ${len} items`); for (const x of a) inner.enc(w, x) },
        dec: (r) => { const out = new Array<unknown>(len); for (let i = 0; i < len; i++) out[i] = inner.dec(r); return out },
      }
    }
    case 'tuple': {
      if (d.of.length === 0) return { enc: () => {}, dec: () => null }
      const items = d.of.map((x) => codecOf(x))
      return {
        enc: (w, v) => { const a = v as unknown[]; items.forEach((c, i) => c.enc(w, a[i])) },
        dec: (r) => items.map((c) => c.dec(r)),
      }
    }
    case 'composite': return fieldsCodec(d.fields)
    case 'variant': {
      if (isOption(t)) {
        const inner = codecOf(d.variants[1]!.fields[0]!.type)
        return {
          enc: (w, v) => {
            if (v === null || v === undefined) w.byte(0)
            else { w.byte(1); inner.enc(w, v instanceof Some ? v.value : v) }
          },
          dec: (r) => {
            const b = r.byte()
            if (b === 0) return null
            if (b === 1) return inner.dec(r)
            throw new ScaleError(`invalid Option tag ${b}`)
          },
        }
      }
      if (d.variants.length === 0) return deferredUntilFilled(t)
      const byName = new Map<string, { index: number; c: Codec; empty: boolean }>()
      const byIndex = new Map<number, { name: string; c: Codec; empty: boolean }>()
      for (const v of d.variants) {
        const c = fieldsCodec(v.fields)
        byName.set(v.name, { index: v.index, c, empty: v.fields.length === 0 })
        byIndex.set(v.index, { name: v.name, c, empty: v.fields.length === 0 })
      }
      const label = t.path.join('::')
      return {
        enc: (w, v) => {
          const e = v as { type: string; value?: unknown }
          const x = byName.get(e.type)
          if (!x) throw new ScaleError(`unknown variant ${e.type} of ${label}`)
          w.byte(x.index)
          x.c.enc(w, e.value)
        },
        dec: (r) => {
          const i = r.byte()
          const x = byIndex.get(i)
          if (!x) throw new ScaleError(`Could not decode \`${label}\`, variant doesn't exist (index ${i})`)
          return x.empty ? { type: x.name } : { type: x.name, value: x.c.dec(r) }
        },
      }
    }
    case 'bitSequence': throw new ScaleError('BitVec is not used by this runtime')
  }
}

/**
 * An enum without variants is an outer enum (RuntimeCall/RuntimeEvent) that composeOuterEnums has
 * not filled in yet. Pallet declarations encode storage fallbacks, so a type containing one (e.g.
 * `Vec<EventRecord>`) can be compiled before composition: compile it on first use instead of
 * freezing the empty shape into every codec that embeds it.
 */
function deferredUntilFilled(t: Ty): Codec {
  let real: Codec | null = null
  const get = (): Codec => {
    if (real) return real
    if (t.def.tag !== 'variant' || t.def.variants.length === 0) throw new ScaleError(`${t.path.join('::')} has no variants (outer enums not composed?)`)
    real = compile(t)
    compiled.set(t, real)
    return real
  }
  return { enc: (w, v) => get().enc(w, v), dec: (r) => get().dec(r) }
}

/** A field declared `Box<T>` descends one level when decoded, as Box's Decode does. */
function fieldCodec(fl: Field): Codec {
  const c = codecOf(fl.type)
  if (fl.typeName === undefined || !fl.typeName.startsWith('Box<')) return c
  return {
    enc: c.enc,
    dec: (r) => { r.descend(); const v = c.dec(r); r.ascend(); return v },
  }
}

function fieldsCodec(fields: Field[]): Codec {
  if (fields.length === 0) return { enc: () => {}, dec: () => null }
  if (fields.length === 1 && !fields[0]!.name) return fieldCodec(fields[0]!)
  const cs = fields.map(fieldCodec)
  if (fields.every((fl) => fl.name)) {
    const names = fields.map((fl) => fl.name!)
    return {
      enc: (w, v) => {
        const o = v as Record<string, unknown>
        for (let i = 0; i < cs.length; i++) {
          // (one keyed load per field: these sites see every struct type, so each load is a
          // megamorphic lookup; `in` only for a field read as undefined)
          const x = o[names[i]!]
          if (x === undefined && !(names[i]! in o)) throw new ScaleError(`missing field ${names[i]}`)
          cs[i]!.enc(w, x)
        }
      },
      dec: (r) => { const o: Record<string, unknown> = {}; for (let i = 0; i < cs.length; i++) o[names[i]!] = cs[i]!.dec(r); return o },
    }
  }
  return {
    enc: (w, v) => { const a = v as unknown[]; cs.forEach((c, i) => c.enc(w, a[i])) },
    dec: (r) => cs.map((c) => c.dec(r)),
  }
}

function primitive(p: string): Codec {
  if (p === 'bool') {
    return {
      enc: (w, v) => w.byte(v ? 1 : 0),
      dec: (r) => { const b = r.byte(); if (b > 1) throw new ScaleError('Invalid boolean representation'); return b === 1 },
    }
  }
  if (p === 'str') {
    return {
      enc: (w, v) => { const b = textEncoder.encode(v as string); writeCompact(w, b.length); w.bytes(b) },
      dec: (r) => textDecoder.decode(r.take(readCompactNumber(r))),
    }
  }
  if (p === 'char') {
    return {
      enc: (w, v) => w.uintLE((v as string).codePointAt(0) ?? 0, 4),
      dec: (r) => String.fromCodePoint(r.uintLE(4)),
    }
  }
  const small = smallPrims[p]
  if (small !== undefined) {
    const signed = p.startsWith('i')
    const bits = small * 8
    const max = 2 ** bits
    return {
      enc: (w, v) => {
        let n = typeof v === 'bigint' ? Number(v) : (v as number)
        if (!Number.isInteger(n) || (signed ? n < -(max / 2) || n >= max / 2 : n < 0 || n >= max)) throw new ScaleError(`${n} out of range for ${p}`)
        if (n < 0) n += max
        w.uintLE(n, small)
      },
      dec: (r) => { const n = r.uintLE(small); return signed && n >= max / 2 ? n - max : n },
    }
  }
  const big = bigPrims[p]
  if (big !== undefined) {
    const signed = p.startsWith('i')
    const mod = 1n << BigInt(big * 8)
    const half = mod / 2n
    return {
      enc: (w, v) => {
        let n = typeof v === 'bigint' ? v : BigInt(v as number)
        if (signed ? n < -half || n >= half : n < 0n || n >= mod) throw new ScaleError(`${n} out of range for ${p}`)
        if (n < 0n) n += mod
        w.bigLE(n, big)
      },
      dec: (r) => { const n = r.bigLE(big); return signed && n >= half ? n - mod : n },
    }
  }
  throw new ScaleError(`unknown primitive ${p}`)
}

function compactCodec(of: Ty): Codec {
  // Compact<Newtype> (e.g. Compact<Perbill>) encodes the wrapped integer.
  let base = of
  while (base.def.tag === 'composite' && base.def.fields.length === 1) base = base.def.fields[0]!.type
  const prim = base.def.tag === 'primitive' ? base.def.prim : ''
  if (base.def.tag === 'tuple' && base.def.of.length === 0) return { enc: () => {}, dec: () => null }
  const asNumber = prim === 'u8' || prim === 'u16' || prim === 'u32'
  return {
    enc: (w, v) => writeCompact(w, v as number | bigint),
    dec: (r) => { const v = readCompact(r); return asNumber ? Number(v) : v },
  }
}

function asBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v
  if (typeof v === 'string') {
    if (/^0x[0-9a-fA-F]*$/.test(v) && v.length % 2 === 0) return hexToBytes(v)
    return textEncoder.encode(v)
  }
  if (Array.isArray(v)) return Uint8Array.from(v as number[])
  throw new ScaleError('expected bytes')
}
