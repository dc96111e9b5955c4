// blake2b-256 for trie nodes, on the module of blake2b-wasm.ts: the input is copied into its
// memory and the digest copied out, with nothing allocated in between. Synchronous from the
// first call (the module compiles at import).
import { INPUT_AT, instantiateBlake2b } from './blake2b-wasm.js'

const wasm = instantiateBlake2b()
let heap = new Uint8Array(wasm.memory.buffer)
/** Where the module leaves the digest. */
let digest = heap.subarray(0, 32)

const PAGE = 65536

/** Kept for callers written for an asynchronously initialised hasher: it is always ready. */
export function trieHasherReady(): Promise<void> {
  return Promise.resolve()
}

export function blake2_256(data: Uint8Array): Uint8Array {
  const n = data.length
  if (INPUT_AT + n > heap.length) {
    wasm.memory.grow(Math.ceil((INPUT_AT + n - heap.length) / PAGE))
    heap = new Uint8Array(wasm.memory.buffer)
    digest = heap.subarray(0, 32)
  }
  // TypedArray.set beats a byte loop in and out of the wasm memory from a few bytes on. The
  // digest gets an array of its own, not a slab view: a hash can stay in a kept trie node for
  // long, and would hold a whole slab alive.
  heap.set(data, INPUT_AT)
  wasm.hash(INPUT_AT, n)
  const out = new Uint8Array(32)
  out.set(digest)
  return out
}
