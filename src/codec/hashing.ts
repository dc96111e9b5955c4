// Hashers used by storage keys, block hashes and signatures. Backed by @polkadot/wasm-crypto;
// call `await cryptoReady()` once at start-up before using any of them.
import { blake2b, keccak256, sha256, twox, waitReady } from '@polkadot/wasm-crypto'
import { concatBytes } from './bytes.js'

const noKey = new Uint8Array(0)

export async function cryptoReady(): Promise<void> { await waitReady() }

export const blake2_256 = (data: Uint8Array): Uint8Array => blake2b(data, noKey, 32)
export const blake2_128 = (data: Uint8Array): Uint8Array => blake2b(data, noKey, 16)
export const blake2_64 = (data: Uint8Array): Uint8Array => blake2b(data, noKey, 8)
/** sp_io::hashing::keccak_256 and sha2_256 (subtensor's PoW seal). */
export const keccak_256 = (data: Uint8Array): Uint8Array => keccak256(data)
export const sha2_256 = (data: Uint8Array): Uint8Array => sha256(data)
export const twox64 = (data: Uint8Array): Uint8Array => twox(data, 1)
export const twox128 = (data: Uint8Array): Uint8Array => twox(data, 2)
export const twox256 = (data: Uint8Array): Uint8Array => twox(data, 4)

export type Hasher = 'Blake2_128' | 'Blake2_256' | 'Blake2_128Concat' | 'Twox128' | 'Twox256' | 'Twox64Concat' | 'Identity'

export function hashKey(h: Hasher, encodedKey: Uint8Array): Uint8Array {
  switch (h) {
    case 'Blake2_128': return blake2_128(encodedKey)
    case 'Blake2_256': return blake2_256(encodedKey)
    case 'Blake2_128Concat': return concatBytes(blake2_128(encodedKey), encodedKey)
    case 'Twox128': return twox128(encodedKey)
    case 'Twox256': return twox256(encodedKey)
    case 'Twox64Concat': return concatBytes(twox64(encodedKey), encodedKey)
    case 'Identity': return encodedKey
  }
}

/** Bytes of the hasher's prefix that precede the raw key (0 for non-transparent hashers). */
export function hasherPrefixLength(h: Hasher): number | null {
  switch (h) {
    case 'Blake2_128Concat': return 16
    case 'Twox64Concat': return 8
    case 'Identity': return 0
    default: return null
  }
}

const textEncoder = new TextEncoder()
const prefixCache = new Map<string, Uint8Array>()
/** twox128(pallet) ++ twox128(item): the prefix of every key of a storage item. */
export function storagePrefix(pallet: string, item: string): Uint8Array {
  const k = `${pallet}\u0000${item}`
  let p = prefixCache.get(k)
  if (!p) {
    p = concatBytes(twox128(textEncoder.encode(pallet)), twox128(textEncoder.encode(item)))
    prefixCache.set(k, p)
  }
  return p
}
