// blake2b-256 for trie nodes. The wasm build is ~7x faster than the JS fallback on node-sized
// inputs, but it is only usable after its async init; the trie API is synchronous, so we start the
// init on import and fall back to util-crypto (which itself picks wasm or JS) until it is ready.
import { blake2b as wasmBlake2b, isReady, waitReady } from '@polkadot/wasm-crypto'
import { blake2AsU8a } from '@polkadot/util-crypto'

const NO_KEY = new Uint8Array(0)
let wasmReady = isReady()
const readyPromise: Promise<void> = waitReady().then(() => {
  wasmReady = isReady()
})

/** Resolves once the fast (wasm) hasher is in use. Call before hashing in bulk. */
export function trieHasherReady(): Promise<void> {
  return readyPromise
}

export function blake2_256(data: Uint8Array): Uint8Array {
  if (wasmReady) return wasmBlake2b(data, NO_KEY, 32)
  wasmReady = isReady()
  return wasmReady ? wasmBlake2b(data, NO_KEY, 32) : blake2AsU8a(data, 256)
}
