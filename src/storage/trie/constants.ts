import { hexToU8a } from '@polkadot/util'

export type TrieVersion = 0 | 1

/** blake2_256([0x00]): the root of a trie with no entries. */
export const EMPTY_TRIE_ROOT: Uint8Array = hexToU8a(
  '0x03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314',
)

/** In V1 (sp-trie LayoutV1 MAX_INLINE_VALUE) values of at least this many bytes are stored by hash. */
export const MAX_INLINE_VALUE = 33

export function isHashedValue(value: Uint8Array, version: TrieVersion): boolean {
  return version === 1 && value.length >= MAX_INLINE_VALUE
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = a.length < b.length ? a.length : b.length
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!
    if (d !== 0) return d
  }
  return a.length - b.length
}

export function isEmptyRoot(root: Uint8Array): boolean {
  return bytesEqual(root, EMPTY_TRIE_ROOT)
}
