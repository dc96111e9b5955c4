// SCALE's byte level: the growable Writer, the bounds- and depth-checked Reader, compact integers
// and the 64-bit word paths for u64/u128. scale.ts builds the per-type codecs on top of these.
export class ScaleError extends Error {}

/**
 * frame_support's MAX_EXTRINSIC_DEPTH: how many Box/Vec levels a decoded value may nest, as
 * parity-scale-codec's DecodeLimit counts them (Box<T> and Vec<T> of non-primitive T each descend
 * one level). Every Reader enforces it, so no input can nest the recursive decoder into a stack
 * overflow.
 */
export const MAX_EXTRINSIC_DEPTH = 256
/** parity-scale-codec's DECODE_MAX_DEPTH_MSG. */
export const MAX_DEPTH_MESSAGE = 'Maximum recursion depth reached when decoding'

const MAX_CHUNK = (1n << 48n) - 1n
const MAX_U64 = (1n << 64n) - 1n
/** Scratch for 64-bit loads and stores: two u64 words and their bytes (little endian on this host). */
const wide64 = new BigUint64Array(2)
const wide8 = new Uint8Array(wide64.buffer)
/** Whether this host stores numbers little-endian (typed-array words then hold their SCALE bytes). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1
const CHUNK_SHIFT = [0n, 8n, 16n, 24n, 32n, 40n, 48n]

export class Writer {
  buf: Uint8Array
  len = 0
  constructor(capacity: number | Uint8Array = 64) { this.buf = typeof capacity === 'number' ? new Uint8Array(capacity) : capacity }
  reserve(n: number): void {
    if (this.len + n <= this.buf.length) return
    let cap = this.buf.length * 2
    while (cap < this.len + n) cap *= 2
    const next = new Uint8Array(cap)
    next.set(this.buf.subarray(0, this.len))
    this.buf = next
  }
  byte(b: number): void { this.reserve(1); this.buf[this.len++] = b }
  bytes(b: Uint8Array): void { this.reserve(b.length); this.buf.set(b, this.len); this.len += b.length }
  uintLE(v: number, n: number): void {
    this.reserve(n)
    for (let i = 0; i < n; i++) { this.buf[this.len++] = v & 0xff; v = Math.floor(v / 256) }
  }
  /** The low `n` bytes of `v` (two's complement when negative), little endian. */
  bigLE(v: bigint, n: number): void {
    this.reserve(n)
    putBigLE(this.buf, this.len, v, n)
    this.len += n
  }
  finish(): Uint8Array { return this.buf.slice(0, this.len) }
}

export class Reader {
  pos = 0
  private depth = 0
  constructor(public buf: Uint8Array, private readonly maxDepth: number = MAX_EXTRINSIC_DEPTH) {}
  /** Read `buf` from its start (a Reader kept for reuse: decodeBy's). */
  reset(buf: Uint8Array): void { this.buf = buf; this.pos = 0; this.depth = 0 }
  /** Enter one Box/Vec level (DepthTrackingInput::descend_ref). */
  descend(): void { if (++this.depth > this.maxDepth) throw new ScaleError(MAX_DEPTH_MESSAGE) }
  ascend(): void { this.depth-- }
  need(n: number): void { if (this.pos + n > this.buf.length) throw new ScaleError('Not enough data to fill buffer') }
  byte(): number { this.need(1); return this.buf[this.pos++]! }
  take(n: number): Uint8Array { this.need(n); const s = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return s }
  /** take(n), copied (one allocation, not a view and its copy). */
  copy(n: number): Uint8Array { this.need(n); const s = this.buf.slice(this.pos, this.pos + n); this.pos += n; return s }
  uintLE(n: number): number {
    this.need(n)
    let v = 0
    for (let i = n - 1; i >= 0; i--) v = v * 256 + this.buf[this.pos + i]!
    this.pos += n
    return v
  }
  bigLE(n: number): bigint {
    this.need(n)
    const b = this.buf
    const p = this.pos
    this.pos += n
    // Most values (balances, stakes) have zero high bytes: skip them, then take 48 bits at a time
    // in Number arithmetic, so a u128 costs at most three BigInt steps, not sixteen.
    let top = n
    while (top > 0 && b[p + top - 1] === 0) top--
    if (top > 6 && top <= 16 && LITTLE_ENDIAN) {
      // Seven or more bytes: one native 64-bit load (two for u128) instead of 48-bit steps.
      for (let i = 0; i < 8; i++) wide8[i] = i < top ? b[p + i]! : 0
      if (top <= 8) return wide64[0]!
      for (let i = 8; i < 16; i++) wide8[i] = i < top ? b[p + i]! : 0
      return (wide64[1]! << 64n) | wide64[0]!
    }
    let v = 0n
    while (top > 0) {
      const k = top >= 6 ? 6 : top
      let x = 0
      for (let i = top - 1; i >= top - k; i--) x = x * 256 + b[p + i]!
      v = v === 0n ? BigInt(x) : (v << CHUNK_SHIFT[k]!) | BigInt(x)
      top -= k
    }
    return v
  }
  get remaining(): number { return this.buf.length - this.pos }
}

/** The low `n` bytes of `v` (two's complement when negative), little endian, into `out` at `at`. */
export function putBigLE(out: Uint8Array, at: number, v: bigint, n: number): void {
  if (n <= 16 && LITTLE_ENDIAN) {
    // A 64-bit store converts the low 64 bits (two's complement) natively, without BigInt steps.
    wide64[0] = v
    if (n > 8) wide64[1] = v >= 0n && v <= MAX_U64 ? 0n : v >> 64n
    for (let i = 0; i < n; i++) out[at + i] = wide8[i]!
    return
  }
  // 48 bits at a time in Number arithmetic: a u256 costs six BigInt steps, not thirty-two.
  let i = 0
  while (i < n) {
    if (v >= 0n && v <= MAX_CHUNK) {
      let x = Number(v)
      for (; i < n; i++) { out[at + i] = x % 256; x = Math.floor(x / 256) }
      return
    }
    let x = Number(BigInt.asUintN(48, v))
    v >>= 48n
    for (const end = Math.min(n, i + 6); i < end; i++) { out[at + i] = x % 256; x = Math.floor(x / 256) }
  }
}

export function writeCompact(w: Writer, v: number | bigint): void {
  if (typeof v !== 'number' && typeof v !== 'bigint') throw new ScaleError(`invalid compact ${String(v)}`)
  if (typeof v === 'number') {
    if (v < 0 || !Number.isInteger(v)) throw new ScaleError(`invalid compact ${v}`)
    if (v < 64) return w.byte(v << 2)
    if (v < 16384) return w.uintLE(v * 4 + 1, 2)
    if (v < 1073741824) return w.uintLE(v * 4 + 2, 4)
    v = BigInt(v)
  }
  if (v < 0n) throw new ScaleError(`invalid compact ${v}`)
  if (v < 1073741824n) return writeCompact(w, Number(v))
  let n = 0
  for (let t = v; t > 0n; t >>= 8n) n++
  if (n > 67) throw new ScaleError('compact too large')
  w.byte(((n - 4) << 2) | 3)
  w.bigLE(v, n)
}

export function readCompact(r: Reader): bigint {
  const b0 = r.byte()
  switch (b0 & 3) {
    case 0: return BigInt(b0 >> 2)
    case 1: {
      const v = (b0 | (r.byte() << 8)) >>> 2
      if (v < 64) throw new ScaleError('out of range decoding Compact<u32>')
      return BigInt(v)
    }
    case 2: {
      const v = Math.floor((b0 + r.uintLE(3) * 256) / 4)
      if (v < 16384) throw new ScaleError('out of range decoding Compact<u32>')
      return BigInt(v)
    }
    default: {
      const n = (b0 >> 2) + 4
      const v = r.bigLE(n)
      if (v < 1n << BigInt((n - 1) * 8) || (n === 4 && v < 1073741824n)) throw new ScaleError('out of range decoding Compact')
      return v
    }
  }
}

export function readCompactNumber(r: Reader): number {
  const v = readCompact(r)
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ScaleError('compact length too large')
  return Number(v)
}

export function compactBytes(v: number | bigint): Uint8Array {
  const w = new Writer(9)
  writeCompact(w, v)
  return w.finish()
}
