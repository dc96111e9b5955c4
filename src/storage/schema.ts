/*
 * Key layout of the node database. One LevelDB; the first byte of every key is a column tag.
 *
 *   key                                   value
 *   'v'                                   schema version, u32 LE (currently 1)
 *   'n' ++ hash[32]                       trie node, or a hashed value blob, whose blake2_256 is hash
 *   'h' ++ blockHash[32]                  header, SCALE, exactly the bytes that hash to blockHash
 *   'b' ++ blockHash[32]                  body: SCALE Vec<Vec<u8>> of the extrinsics as submitted
 *   'm' ++ blockHash[32]                  meta: number u32 LE ++ parentHash[32] ++ stateRoot[32] ++ flags u8
 *                                         (bit 0: the block's trie nodes are stored; bit 1: checkpoint,
 *                                         every node of its state is under 'n'; bit 2: its new nodes
 *                                         are in its pack 'P', not under 'n')
 *   'P' ++ number u32 BE ++ blockHash[32]  the block's new trie nodes packed in one value (node-pack.ts)
 *   'r' ++ stateRoot[32]                  blockHash[32] of a block with that state root
 *   'c' ++ number u32 BE                  canonical chain: blockHash[32] of the best chain at that
 *                                         height; big-endian so a scan runs in block order
 *   'k' ++ parentHash[32] ++ childHash[32]   empty value; the fork tree (children by prefix scan)
 *   'p:best' | 'p:finalized' | 'p:genesis'   blockHash[32]
 *
 * The block store writes only these tags. Any other first byte is free for callers' `extra` ops
 * (receipts, indexes), which commit in the same batch as the block.
 *
 * Invariants after every batch: best, finalized and genesis have header and meta; 'c' holds the
 * chain genesis..best (entry n+1's parent is entry n); finalized is on it. Entries above best are
 * left by a dev rewind (dev_revert), which does not delete them; they are never read.
 */
import { compactFromU8aLim } from '@polkadot/util'
import { Writer, writeCompact } from '../codec/scale.js'

/**
 * 2: trie nodes of blocks after genesis go into one pack per block, and only checkpoints copy the
 * nodes their state still holds under 'n' (state-windows.ts). A version-1 database (every node
 * under 'n', no packs) is read as it is and carries on as version 2.
 */
export const SCHEMA_VERSION = 2
/** Versions this code opens. */
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 2]
export const HASH_LEN = 32

const tag = (c: string): number => c.charCodeAt(0)
export const COL = {
  version: tag('v'),
  node: tag('n'),
  header: tag('h'),
  body: tag('b'),
  meta: tag('m'),
  canonical: tag('c'),
  children: tag('k'),
  pointer: tag('p'),
  pack: tag('P'),
  root: tag('r'),
} as const

const RESERVED = new Set<number>(Object.values(COL))
/** True when a key's column belongs to the block store (callers' extra ops must not use it). */
export const isReservedKey = (key: Uint8Array): boolean => key.length === 0 || RESERVED.has(key[0]!)

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))
export const VERSION_KEY = Uint8Array.of(COL.version)
export const BEST_KEY = ascii('p:best')
export const FINALIZED_KEY = ascii('p:finalized')
export const GENESIS_KEY = ascii('p:genesis')

export function assertHash(hash: Uint8Array): void {
  if (hash.length !== HASH_LEN) throw new Error(`expected a ${HASH_LEN}-byte hash, got ${hash.length} bytes`)
}

function tagged(col: number, hash: Uint8Array): Uint8Array {
  assertHash(hash)
  const k = new Uint8Array(1 + HASH_LEN)
  k[0] = col
  k.set(hash, 1)
  return k
}

export const nodeKey = (hash: Uint8Array): Uint8Array => tagged(COL.node, hash)
export const headerKey = (hash: Uint8Array): Uint8Array => tagged(COL.header, hash)
export const bodyKey = (hash: Uint8Array): Uint8Array => tagged(COL.body, hash)
export const metaKey = (hash: Uint8Array): Uint8Array => tagged(COL.meta, hash)
export const rootKey = (stateRoot: Uint8Array): Uint8Array => tagged(COL.root, stateRoot)

/** `col` ++ number u32 BE (++ `hash`): block-number keys, big-endian so that LevelDB orders them by number. */
function numbered(col: number, n: number, hash?: Uint8Array): Uint8Array {
  assertBlockNumber(n)
  if (hash !== undefined) assertHash(hash)
  // (bytes written one by one: a DataView per key costs more than the key)
  const k = new Uint8Array(hash === undefined ? 5 : 5 + HASH_LEN)
  k[0] = col
  k[1] = n >>> 24
  k[2] = (n >>> 16) & 0xff
  k[3] = (n >>> 8) & 0xff
  k[4] = n & 0xff
  if (hash !== undefined) k.set(hash, 5)
  return k
}

/** Key of a block's node pack: by number first, so packs land in LevelDB in the order they are made. */
export const packKey = (number: number, hash: Uint8Array): Uint8Array => numbered(COL.pack, number, hash)

export const canonicalKey = (n: number): Uint8Array => numbered(COL.canonical, n)

export function childKey(parent: Uint8Array, child: Uint8Array): Uint8Array {
  const k = new Uint8Array(1 + 2 * HASH_LEN)
  k[0] = COL.children
  assertHash(parent)
  assertHash(child)
  k.set(parent, 1)
  k.set(child, 1 + HASH_LEN)
  return k
}

/** Prefix under which all children of `parent` sit. */
export const childPrefix = (parent: Uint8Array): Uint8Array => tagged(COL.children, parent)

export function assertBlockNumber(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new Error(`invalid block number ${n}`)
}

export interface BlockMeta {
  number: number
  parentHash: Uint8Array
  stateRoot: Uint8Array
  /** The block's trie nodes are in the database (false only for header-only imports). */
  hasState: boolean
  /** Every node of the block's state is under 'n' (genesis, version-1 blocks, checkpoints). */
  checkpoint: boolean
  /** The block's new nodes are in its pack (under 'P'). */
  packed: boolean
}

const HAS_STATE = 1
const CHECKPOINT = 2
const PACKED = 4

const META_LEN = 4 + 2 * HASH_LEN + 1

export function encodeMeta(m: BlockMeta): Uint8Array {
  assertBlockNumber(m.number)
  const out = new Uint8Array(META_LEN)
  new DataView(out.buffer).setUint32(0, m.number, true)
  assertHash(m.parentHash)
  assertHash(m.stateRoot)
  out.set(m.parentHash, 4)
  out.set(m.stateRoot, 4 + HASH_LEN)
  out[META_LEN - 1] = (m.hasState ? HAS_STATE : 0) | (m.checkpoint ? CHECKPOINT : 0) | (m.packed ? PACKED : 0)
  return out
}

export function decodeMeta(b: Uint8Array): BlockMeta {
  if (b.length !== META_LEN) throw new Error(`corrupt block meta: ${b.length} bytes, expected ${META_LEN}`)
  return {
    number: new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true),
    parentHash: b.slice(4, 4 + HASH_LEN),
    stateRoot: b.slice(4 + HASH_LEN, 4 + 2 * HASH_LEN),
    hasState: (b[META_LEN - 1]! & HAS_STATE) !== 0,
    // A version-1 block (no pack) has every node of its state under 'n', as a checkpoint.
    checkpoint: (b[META_LEN - 1]! & (CHECKPOINT | PACKED)) !== PACKED,
    packed: (b[META_LEN - 1]! & PACKED) !== 0,
  }
}

/** SCALE Vec<Vec<u8>>: compact count, then each item as compact length ++ bytes. */
export function encodeBody(xts: readonly Uint8Array[]): Uint8Array {
  let size = 5
  for (const x of xts) size += x.length + 5
  const w = new Writer(size)
  writeCompact(w, xts.length)
  for (const x of xts) { writeCompact(w, x.length); w.bytes(x) }
  return w.finish()
}

export function decodeBody(b: Uint8Array): Uint8Array[] {
  let [off, count] = compactFromU8aLim(b)
  const out: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const [lenBytes, len] = compactFromU8aLim(b.subarray(off))
    off += lenBytes
    if (off + len > b.length) throw new Error('corrupt block body: item runs past the end')
    out.push(b.slice(off, off + len))
    off += len
  }
  if (off !== b.length) throw new Error('corrupt block body: trailing bytes')
  return out
}

export const encodeVersion = (v: number): Uint8Array => {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, v, true)
  return out
}
export const decodeVersion = (b: Uint8Array): number =>
  b.length === 4 ? new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true) : -1
