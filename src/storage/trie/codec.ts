// Substrate trie node codec (sp-trie NodeCodec, "no extension" layout, V0/V1 share the codec).
//
// node   := header partial (branch: bitmap value? children*) | leaf: value
// header := kind prefix in the top 2/3/4 bits, nibble count in the rest, with continuation bytes
//           when it does not fit (see writeHeader); 0x00 alone is the empty trie.
// value  := compact(len) ++ bytes, or a 32-byte blake2 hash for the "hashed value" kinds.
// child  := compact(len) ++ (inline encoding if < 32 bytes, else its 32-byte hash).

import { reserveBytes } from './slab.js'

export const HASH_LEN = 32

export const LEAF = 0x40 // 0b01, 2 prefix bits
const BRANCH_NO_VALUE = 0x80 // 0b10, 2 bits
const BRANCH_WITH_VALUE = 0xc0 // 0b11, 2 bits
const HASHED_VALUE_LEAF = 0x20 // 0b001, 3 bits
const HASHED_VALUE_BRANCH = 0x10 // 0b0001, 4 bits
const EMPTY_NODE = 0x00

export interface DecodedNode {
  /** Packed partial key (see nibbles.ts); a view into the encoded node. */
  partial: Uint8Array
  /** Number of nibbles in the partial key. */
  partialLen: number
  /** Inline value bytes, or the value's hash when valueHashed; null = no value. */
  value: Uint8Array | null
  valueHashed: boolean
  /** Child references (inline encoding < 32 bytes or a 32-byte hash); null for a leaf. */
  children: (Uint8Array | null)[] | null
}

export class TrieCodecError extends Error {
  constructor(message: string) {
    super(`trie node: ${message}`)
    this.name = 'TrieCodecError'
  }
}

function headerLen(size: number, prefixBits: number): number {
  const max = 255 >> prefixBits
  if (size < max) return 1
  let rem = size - (max - 1)
  let n = 1
  while (rem > 0) {
    n++
    rem = rem < 256 ? 0 : rem - 255
  }
  return n
}

// Mirrors sp-trie's size_and_prefix_iterator: values up to max-1 fit the first byte; otherwise
// the first byte is saturated and (size - (max-1)) follows as 255-runs ending in (rem - 1).
function writeHeader(out: Uint8Array, pos: number, prefix: number, prefixBits: number, size: number): number {
  const max = 255 >> prefixBits
  if (size < max) {
    out[pos++] = prefix | size
    return pos
  }
  out[pos++] = prefix | max
  let rem = size - (max - 1)
  while (rem > 0) {
    if (rem < 256) {
      out[pos++] = rem - 1
      rem = 0
    } else {
      out[pos++] = 255
      rem -= 255
    }
  }
  return pos
}

export function compactLen(n: number): number {
  return n < 0x40 ? 1 : n < 0x4000 ? 2 : n < 0x40000000 ? 4 : 5
}

export function writeCompact(out: Uint8Array, pos: number, n: number): number {
  if (n < 0x40) {
    out[pos++] = n << 2
  } else if (n < 0x4000) {
    const v = (n << 2) | 1
    out[pos++] = v & 0xff
    out[pos++] = v >>> 8
  } else if (n < 0x40000000) {
    const v = ((n << 2) | 2) >>> 0
    out[pos++] = v & 0xff
    out[pos++] = (v >>> 8) & 0xff
    out[pos++] = (v >>> 16) & 0xff
    out[pos++] = v >>> 24
  } else {
    out[pos++] = 0x03
    out[pos++] = n & 0xff
    out[pos++] = (n >>> 8) & 0xff
    out[pos++] = (n >>> 16) & 0xff
    out[pos++] = (n >>> 24) & 0xff
  }
  return pos
}

export function encodeCompact(n: number): Uint8Array {
  const out = new Uint8Array(compactLen(n))
  writeCompact(out, 0, n)
  return out
}

let scratch = new Uint8Array(1 << 14)

function put(dst: Uint8Array, pos: number, src: Uint8Array): number {
  const n = src.length
  // TypedArray.set has a fixed cost that dominates for very short pieces.
  if (n < 16) for (let i = 0; i < n; i++) dst[pos + i] = src[i]!
  else dst.set(src, pos)
  return pos + n
}

// The node being encoded, set by layout() for write(): one encoding at a time, so module state
// saves passing (and allocating) a record per node.
let kPrefix = 0
let kBits = 0
let kSize = 0

/**
 * Node kind and encoded size of a node without its children's references (with the bitmap of a
 * branch's); sets kPrefix and kBits.
 */
function layoutHead(pLen: number, value: Uint8Array | null, valueHashed: boolean, branch: boolean): number {
  if (!branch) {
    if (value === null) throw new TrieCodecError('leaf without value')
    kPrefix = valueHashed ? HASHED_VALUE_LEAF : LEAF
    kBits = valueHashed ? 3 : 2
  } else if (value === null) {
    kPrefix = BRANCH_NO_VALUE
    kBits = 2
  } else {
    kPrefix = valueHashed ? HASHED_VALUE_BRANCH : BRANCH_WITH_VALUE
    kBits = valueHashed ? 4 : 2
  }
  let size = headerLen(pLen, kBits) + ((pLen + 1) >> 1)
  if (value !== null) size += valueHashed ? HASH_LEN : compactLen(value.length) + value.length
  return branch ? size + 2 : size
}

/** Node kind and encoded size of a node; sets kPrefix, kBits, kSize. */
function layout(pLen: number, value: Uint8Array | null, valueHashed: boolean, children: readonly (Uint8Array | null)[] | null): number {
  let size = layoutHead(pLen, value, valueHashed, children !== null)
  if (children !== null) {
    for (let i = 0; i < 16; i++) {
      const c = children[i]
      if (!c) continue
      if (c.length > HASH_LEN) throw new TrieCodecError('child reference longer than a hash')
      size += 1 + c.length
    }
  }
  kSize = size
  return size
}

/** Where writeHead left a branch's bitmap to be written. */
let kBitmapPos = -1

/**
 * Write the header, partial key, bitmap slot (of a branch) and value of the node laid out by
 * layoutHead at out[base, …); returns where the children's references go. The partial key is
 * nibbles [pStart, pStart + pLen) of `pSrc`: packed two to a byte, high nibble first, or
 * (`unpacked`) one nibble per byte.
 */
function writeHead(
  out: Uint8Array,
  base: number,
  pSrc: Uint8Array,
  pStart: number,
  pLen: number,
  unpacked: boolean,
  value: Uint8Array | null,
  valueHashed: boolean,
  branch: boolean,
): number {
  let pos = writeHeader(out, base, kPrefix, kBits, pLen)
  let i = pStart
  const end = pStart + pLen
  if (unpacked) {
    if (pLen & 1) out[pos++] = pSrc[i++]!
    for (; i < end; i += 2) out[pos++] = (pSrc[i]! << 4) | pSrc[i + 1]!
  } else {
    if (pLen & 1) {
      out[pos++] = i & 1 ? pSrc[i >> 1]! & 0x0f : pSrc[i >> 1]! >> 4
      i++
    }
    if ((i & 1) === 0) {
      for (let b = i >> 1; i < end; b++, i += 2) out[pos++] = pSrc[b]!
    } else {
      // Odd alignment: each output byte straddles two source bytes.
      for (; i < end; i += 2) out[pos++] = ((pSrc[i >> 1]! & 0x0f) << 4) | (pSrc[(i >> 1) + 1]! >> 4)
    }
  }
  if (branch) {
    kBitmapPos = pos
    pos += 2
  }
  if (value !== null) {
    if (!valueHashed) pos = writeCompact(out, pos, value.length)
    pos = put(out, pos, value)
  }
  return pos
}

/** Write a branch's set references in slot order from `pos`, and its bitmap where writeHead left room. */
function writeChildren(out: Uint8Array, pos: number, children: readonly (Uint8Array | null)[]): void {
  let bitmap = 0
  for (let k = 0; k < 16; k++) {
    const c = children[k]
    if (!c) continue
    bitmap |= 1 << k
    out[pos++] = c.length << 2 // compact of a child reference length (<= 32) is one byte
    pos = put(out, pos, c)
  }
  if (bitmap === 0) throw new TrieCodecError('branch without children')
  out[kBitmapPos] = bitmap & 0xff
  out[kBitmapPos + 1] = bitmap >> 8
}

/** Write the node laid out by layout() at out[base, base + kSize) (see writeHead for the partial key). */
function write(
  out: Uint8Array,
  base: number,
  pSrc: Uint8Array,
  pStart: number,
  pLen: number,
  unpacked: boolean,
  value: Uint8Array | null,
  valueHashed: boolean,
  children: readonly (Uint8Array | null)[] | null,
): void {
  const pos = writeHead(out, base, pSrc, pStart, pLen, unpacked, value, valueHashed, children !== null)
  if (children !== null) writeChildren(out, pos, children)
}

/**
 * Encode a node into a shared scratch buffer and return a view of it, valid only until the next
 * call (hash or copy it at once). The partial key is nibbles [pStart, pStart + pLen) of `pSrc`,
 * high nibble first: a raw key works directly, and a packed partial is (packed, pLen & 1, pLen).
 * `children` null means a leaf (which must have a value); otherwise 16 slots, at least one set.
 */
export function encodeNodeScratch(
  pSrc: Uint8Array,
  pStart: number,
  pLen: number,
  value: Uint8Array | null,
  valueHashed: boolean,
  children: readonly (Uint8Array | null)[] | null,
): Uint8Array {
  const size = layout(pLen, value, valueHashed, children)
  if (size > scratch.length) scratch = new Uint8Array(Math.max(size, scratch.length * 2))
  write(scratch, 0, pSrc, pStart, pLen, false, value, valueHashed, children)
  return scratch.subarray(0, size)
}

/**
 * Encode a node whose partial key is `nibbles` (one nibble per byte) straight into a slab
 * (slab.ts) and return its lasting view: for encodings that are kept anyway (stored nodes,
 * inline references), this saves the scratch copy.
 */
export function encodeNodeKept(
  nibbles: Uint8Array,
  value: Uint8Array | null,
  valueHashed: boolean,
  children: readonly (Uint8Array | null)[] | null,
): Uint8Array {
  const pLen = nibbles.length
  const size = layout(pLen, value, valueHashed, children)
  const out = reserveBytes(size)
  write(out, 0, nibbles, 0, pLen, true, value, valueHashed, children)
  return out
}

/**
 * encodeNodeKept for a branch whose children's references the caller has just gathered:
 * `bitmap` has bit i set when refs[i] is, and `refBytes` sums 1 + length over them. The update's
 * commit (mutator.ts) knows both from its own loop over the slots, so the size needs no second
 * pass over them and the write skips the empty ones.
 */
export function encodeBranchKept(
  nibbles: Uint8Array,
  value: Uint8Array | null,
  valueHashed: boolean,
  refs: readonly (Uint8Array | null)[],
  bitmap: number,
  refBytes: number,
): Uint8Array {
  if (bitmap === 0) throw new TrieCodecError('branch without children')
  const pLen = nibbles.length
  const out = reserveBytes(layoutHead(pLen, value, valueHashed, true) + refBytes)
  let pos = writeHead(out, 0, nibbles, 0, pLen, true, value, valueHashed, true)
  out[kBitmapPos] = bitmap & 0xff
  out[kBitmapPos + 1] = bitmap >> 8
  for (let k = 0; k < 16; k++) {
    if ((bitmap & (1 << k)) === 0) continue
    const c = refs[k]!
    out[pos++] = c.length << 2
    pos = put(out, pos, c)
  }
  return out
}

/**
 * The encoding of a leaf with partial key nibbles [start, end) of `nibbles` (one per byte) and an
 * inline `value`, in a slab, when it is shorter than a hash (so its parent holds it inline);
 * undefined when it is not (the leaf is then stored by hash).
 */
export function encodeInlineLeaf(nibbles: Uint8Array, start: number, end: number, value: Uint8Array): Uint8Array | undefined {
  const pLen = end - start
  // Cheap bound first: header >= 1, partial, compact >= 1, value.
  if (2 + ((pLen + 1) >> 1) + value.length >= HASH_LEN) return undefined
  const size = layout(pLen, value, false, null)
  if (size >= HASH_LEN) return undefined
  const out = reserveBytes(size)
  write(out, 0, nibbles, start, pLen, true, value, false, null)
  return out
}

/** Encode a node into a fresh array; `partial` is packed and holds `partialLen` nibbles. */
export function encodeNode(
  partial: Uint8Array,
  partialLen: number,
  value: Uint8Array | null,
  valueHashed: boolean,
  children: readonly (Uint8Array | null)[] | null,
): Uint8Array {
  return encodeNodeScratch(partial, partialLen & 1, partialLen, value, valueHashed, children).slice()
}

class Reader {
  pos = 0
  constructor(readonly data: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.data.length) throw new TrieCodecError('unexpected end')
    return this.data[this.pos++]!
  }
  take(n: number): Uint8Array {
    const end = this.pos + n
    if (end > this.data.length) throw new TrieCodecError('unexpected end')
    const v = this.data.subarray(this.pos, end)
    this.pos = end
    return v
  }
  compact(): number {
    const b0 = this.byte()
    switch (b0 & 3) {
      case 0:
        return b0 >> 2
      case 1: {
        const v = (b0 | (this.byte() << 8)) >> 2
        if (v < 0x40) throw new TrieCodecError('non-canonical compact')
        return v
      }
      case 2: {
        const v = (b0 | (this.byte() << 8) | (this.byte() << 16) | (this.byte() << 24)) >>> 2
        if (v < 0x4000) throw new TrieCodecError('non-canonical compact')
        return v
      }
      default: {
        if (b0 !== 0x03) throw new TrieCodecError('compact length too large')
        const v = (this.byte() | (this.byte() << 8) | (this.byte() << 16) | (this.byte() << 24)) >>> 0
        if (v < 0x40000000) throw new TrieCodecError('non-canonical compact')
        return v
      }
    }
  }
}

function readSize(r: Reader, first: number, prefixBits: number): number {
  const max = 255 >> prefixBits
  let result = first & max
  if (result < max) return result
  result -= 1
  for (;;) {
    const n = r.byte()
    if (n < 255) return result + n + 1
    result += 255
  }
}

/** Decode a node; returns null for the empty-trie node (0x00). Views alias `data`. */
export function decodeNode(data: Uint8Array): DecodedNode | null {
  const r = new Reader(data)
  const first = r.byte()
  if (first === EMPTY_NODE) {
    if (data.length !== 1) throw new TrieCodecError('trailing bytes after empty node')
    return null
  }
  let isLeaf: boolean
  let hasValue: boolean
  let valueHashed = false
  let partialLen: number
  switch (first & 0xc0) {
    case LEAF:
      isLeaf = true
      hasValue = true
      partialLen = readSize(r, first, 2)
      break
    case BRANCH_WITH_VALUE:
      isLeaf = false
      hasValue = true
      partialLen = readSize(r, first, 2)
      break
    case BRANCH_NO_VALUE:
      isLeaf = false
      hasValue = false
      partialLen = readSize(r, first, 2)
      break
    default:
      if ((first & 0xe0) === HASHED_VALUE_LEAF) {
        isLeaf = true
        partialLen = readSize(r, first, 3)
      } else if ((first & 0xf0) === HASHED_VALUE_BRANCH) {
        isLeaf = false
        partialLen = readSize(r, first, 4)
      } else {
        throw new TrieCodecError(`unknown header 0x${first.toString(16)}`)
      }
      hasValue = true
      valueHashed = true
  }
  const partial = r.take((partialLen + 1) >> 1)
  if (partialLen & 1 && partial[0]! & 0xf0) throw new TrieCodecError('bad partial key padding')
  let bitmap = 0
  if (!isLeaf) {
    bitmap = r.byte() | (r.byte() << 8)
    if (bitmap === 0) throw new TrieCodecError('branch without children')
  }
  let value: Uint8Array | null = null
  if (hasValue) value = valueHashed ? r.take(HASH_LEN) : r.take(r.compact())
  let children: (Uint8Array | null)[] | null = null
  if (!isLeaf) {
    children = new Array<Uint8Array | null>(16)
    for (let i = 0; i < 16; i++) {
      if (bitmap & (1 << i)) {
        const len = r.compact()
        if (len > HASH_LEN) throw new TrieCodecError('child reference longer than a hash')
        children[i] = r.take(len)
      } else {
        children[i] = null
      }
    }
  }
  if (r.pos !== data.length) throw new TrieCodecError('trailing bytes')
  return { partial, partialLen, value, valueHashed, children }
}
