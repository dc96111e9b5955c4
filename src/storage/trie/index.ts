// Substrate-compatible base-16 Patricia-Merkle trie (sp-trie LayoutV0 / LayoutV1, blake2-256).
export { EMPTY_TRIE_ROOT, MAX_INLINE_VALUE, type TrieVersion } from './constants.js'
export { trieHasherReady, blake2_256 } from './hasher.js'
export { trieRoot, orderedTrieRoot, buildTrie, trieRootUnhashed } from './root.js'
export { applyChanges, TrieCache } from './mutate.js'
export { TrieView, closestDescendantMerkleValue } from './view.js'
export { generateReadProof, verifyReadProof, InvalidProofError } from './proof.js'
export { MemoryNodeStore, MissingTrieNodeError, type NodeReader } from './store.js'
export { decodeNode, encodeNode, TrieCodecError, type DecodedNode } from './codec.js'
