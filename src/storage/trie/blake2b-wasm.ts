// blake2b-256 (RFC 7693, unkeyed, 32-byte digest) as a tiny WebAssembly module generated here
// at load time. The trie hashes tens of short nodes per block: @polkadot/wasm-crypto's bridge
// spends most of each call on allocating, copying and freeing around the Rust hasher, and a JS
// blake2b must emulate 64-bit words. This module has native i64 arithmetic, hashes straight
// out of its own memory (the caller writes the input there) and allocates nothing; it compiles
// synchronously (no async init), so the trie has one hasher from the first call.
//
// Memory layout: [0, 64) the chain state h (its first 32 bytes are the digest when done),
// [64, 192) the zero-padded final block, [INPUT_AT, ...) the input.

export const INPUT_AT = 256

// RFC 7693 section 2.6 (the SHA-512 initial values) and 2.7 (message word schedule).
const IV = [
  0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n,
]
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
]
/** Parameter block word 0 for an unkeyed 32-byte digest: digest length 32, fanout 1, depth 1. */
const PARAM0 = 0x01010020n

// Opcodes (WebAssembly core spec, binary format).
const I32 = 0x7f
const I64 = 0x7e
const op = {
  block: 0x02, loop: 0x03, end: 0x0b, br: 0x0c, brIf: 0x0d, call: 0x10, select: 0x1b,
  get: 0x20, set: 0x21, i64Load: 0x29, i64Store: 0x37, i32Const: 0x41, i64Const: 0x42,
  i32LeU: 0x4d, i32Add: 0x6a, i32Sub: 0x6b, i64Add: 0x7c, i64Xor: 0x85, i64Rotr: 0x8a,
  i64ExtendI32U: 0xad, prefixFC: 0xfc, memoryCopy: 10, memoryFill: 11,
}

function uleb(n: number): number[] {
  const out: number[] = []
  do {
    let b = n & 0x7f
    n >>>= 7
    if (n !== 0) b |= 0x80
    out.push(b)
  } while (n !== 0)
  return out
}

function sleb(v: bigint): number[] {
  const out: number[] = []
  v = BigInt.asIntN(64, v)
  for (;;) {
    const b = Number(v & 0x7fn)
    v >>= 7n
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
      out.push(b)
      return out
    }
    out.push(b | 0x80)
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()]
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body]
const func = (locals: [number, number][], body: number[]): number[] => {
  const code = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...body, op.end]
  return [...uleb(code.length), ...code]
}

/** compress(m: i32, t: i64, last: i32): one F call on h with the 128-byte block at m. */
function compressBody(): number[] {
  const M = 0, T = 1, LAST = 2
  const v = (i: number): number => 3 + i
  const m = (i: number): number => 19 + i
  const b: number[] = []
  for (let i = 0; i < 16; i++) b.push(op.get, M, op.i64Load, 3, ...uleb(8 * i), op.set, m(i))
  for (let i = 0; i < 8; i++) b.push(op.i32Const, 0, op.i64Load, 3, ...uleb(8 * i), op.set, v(i))
  for (let i = 0; i < 8; i++) b.push(op.i64Const, ...sleb(IV[i]!), op.set, v(8 + i))
  b.push(op.get, v(12), op.get, T, op.i64Xor, op.set, v(12))
  // v14 = ~v14 on the last block.
  b.push(op.get, v(14), op.i64Const, ...sleb(-1n), op.i64Const, 0, op.get, LAST, op.select, op.i64Xor, op.set, v(14))
  const add3 = (a: number, x: number, y: number): void => { b.push(op.get, a, op.get, x, op.i64Add, op.get, y, op.i64Add, op.set, a) }
  const add2 = (a: number, x: number): void => { b.push(op.get, a, op.get, x, op.i64Add, op.set, a) }
  const xorRot = (a: number, x: number, r: number): void => { b.push(op.get, a, op.get, x, op.i64Xor, op.i64Const, ...sleb(BigInt(r)), op.i64Rotr, op.set, a) }
  const g = (a: number, bb: number, c: number, d: number, x: number, y: number): void => {
    add3(v(a), v(bb), m(x)); xorRot(v(d), v(a), 32); add2(v(c), v(d)); xorRot(v(bb), v(c), 24)
    add3(v(a), v(bb), m(y)); xorRot(v(d), v(a), 16); add2(v(c), v(d)); xorRot(v(bb), v(c), 63)
  }
  for (let r = 0; r < 12; r++) {
    const s = SIGMA[r % 10]!
    g(0, 4, 8, 12, s[0]!, s[1]!); g(1, 5, 9, 13, s[2]!, s[3]!); g(2, 6, 10, 14, s[4]!, s[5]!); g(3, 7, 11, 15, s[6]!, s[7]!)
    g(0, 5, 10, 15, s[8]!, s[9]!); g(1, 6, 11, 12, s[10]!, s[11]!); g(2, 7, 8, 13, s[12]!, s[13]!); g(3, 4, 9, 14, s[14]!, s[15]!)
  }
  // h[i] ^= v[i] ^ v[i + 8]
  for (let i = 0; i < 8; i++) {
    b.push(op.i32Const, 0, op.i32Const, 0, op.i64Load, 3, ...uleb(8 * i), op.get, v(i), op.i64Xor, op.get, v(8 + i), op.i64Xor, op.i64Store, 3, ...uleb(8 * i))
  }
  return b
}

/** hash(ptr: i32, len: i32): the digest of memory[ptr, ptr + len) into h. */
function hashBody(): number[] {
  const PTR = 0, LEN = 1, T = 2
  // (Constants below are signed LEB128: i32.const 128 = 0x80 0x01, i32.const 64 = 0xc0 0x00.)
  const b: number[] = []
  for (let i = 0; i < 8; i++) b.push(op.i32Const, 0, op.i64Const, ...sleb(i === 0 ? IV[0]! ^ PARAM0 : IV[i]!), op.i64Store, 3, ...uleb(8 * i))
  // Every block but the last is compressed in place (the last one, even when full, is flagged).
  b.push(op.block, 0x40, op.loop, 0x40)
  b.push(op.get, LEN, op.i32Const, 0x80, 0x01, op.i32LeU, op.brIf, 1)
  b.push(op.get, T, op.i64Const, 0x80, 0x01, op.i64Add, op.set, T)
  b.push(op.get, PTR, op.get, T, op.i32Const, 0, op.call, 0)
  b.push(op.get, PTR, op.i32Const, 0x80, 0x01, op.i32Add, op.set, PTR)
  b.push(op.get, LEN, op.i32Const, 0x80, 0x01, op.i32Sub, op.set, LEN)
  b.push(op.br, 0, op.end, op.end)
  b.push(op.i32Const, 0xc0, 0x00, op.i32Const, 0, op.i32Const, 0x80, 0x01, op.prefixFC, op.memoryFill, 0)
  b.push(op.i32Const, 0xc0, 0x00, op.get, PTR, op.get, LEN, op.prefixFC, op.memoryCopy, 0, 0)
  b.push(op.get, T, op.get, LEN, op.i64ExtendI32U, op.i64Add, op.set, T)
  b.push(op.i32Const, 0xc0, 0x00, op.get, T, op.i32Const, 1, op.call, 0)
  return b
}

function moduleBytes(pages: number): Uint8Array<ArrayBuffer> {
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I64], [I32]]), 0], [0x60, ...vec([[I32], [I32]]), 0]])),
    ...section(3, vec([[0], [1]])),
    ...section(5, vec([[0x00, ...uleb(pages)]])),
    ...section(7, vec([
      [...vec([..."memory"].map((c) => [c.charCodeAt(0)])), 0x02, 0],
      [...vec([..."hash"].map((c) => [c.charCodeAt(0)])), 0x00, 1],
    ])),
    ...section(10, vec([func([[32, I64]], compressBody()), func([[1, I64]], hashBody())])),
  ]
  return new Uint8Array(bytes)
}

export interface Blake2bWasm {
  memory: WebAssembly.Memory
  /** Digest of memory[ptr, ptr + len), left in memory[0, 32). */
  hash(ptr: number, len: number): void
}

export function instantiateBlake2b(pages = 2): Blake2bWasm {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes(pages)))
  return instance.exports as unknown as Blake2bWasm
}
