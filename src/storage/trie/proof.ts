// Storage read proofs in Substrate's `StorageProof` form (state_getReadProof): the unordered set of
// every node fetched by hash while looking the keys up, plus V1 hashed values that were read.
import { u8aToHex } from '@polkadot/util'
import { compareBytes } from './constants.js'
import { blake2_256 } from './hasher.js'
import { lookupValue, type LookupHooks } from './lookup.js'
import { MissingTrieNodeError, type NodeReader } from './store.js'

export class InvalidProofError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InvalidProofError'
  }
}

/**
 * The nodes (and hashed values) needed to read `keys` at `root`, deduplicated and sorted by bytes
 * (sp-trie keeps them in a BTreeSet, so that is the order the RPC returns).
 */
export function generateReadProof(store: NodeReader, root: Uint8Array, keys: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Map<string, Uint8Array>()
  const hooks: LookupHooks = {
    load: (h) => store.getNode(h, root),
    missing: (h) => {
      throw new MissingTrieNodeError(h)
    },
    onFetch: (h, data) => {
      seen.set(u8aToHex(h), data)
    },
  }
  for (const key of keys) lookupValue(hooks, root, key)
  return [...seen.values()].sort(compareBytes)
}

/**
 * Check `proof` against `root` and read `keys` from it. Throws InvalidProofError when a node needed
 * for any key is missing (including a proof that does not start at `root`). Keys of the result
 * are 0x-hex.
 */
export function verifyReadProof(
  root: Uint8Array,
  proof: readonly Uint8Array[],
  keys: readonly Uint8Array[],
): Map<string, Uint8Array | null> {
  const byHash = new Map<string, Uint8Array>()
  for (const item of proof) byHash.set(u8aToHex(blake2_256(item)), item)
  const hooks: LookupHooks = {
    load: (h) => byHash.get(u8aToHex(h)),
    missing: (h) => {
      throw new InvalidProofError(`proof is missing node ${u8aToHex(h)} (incomplete, or not for root ${u8aToHex(root)})`)
    },
  }
  const out = new Map<string, Uint8Array | null>()
  for (const key of keys) {
    try {
      out.set(u8aToHex(key), lookupValue(hooks, root, key))
    } catch (e) {
      if (e instanceof InvalidProofError) throw e
      throw new InvalidProofError(`malformed proof node: ${(e as Error).message}`)
    }
  }
  return out
}
