// Aura on the client side, as sc-consensus-aura does it: the slot of a block is in its
// `PreRuntime(aura, slot)` digest, the author is authorities[slot % n], and the last digest item
// is `Seal(aura, sr25519 signature over the hash of the header without the seal)`.
import { hexOf, sameBytes } from '../codec/bytes.js'
import { blake2_256 } from '../codec/hashing.js'
import { encode } from '../codec/scale.js'
import { Header, type HeaderValue } from '../frame/primitives.js'
import { verifySignature, type SignatureJob } from '../runtime/signature.js'

const AURA = new TextEncoder().encode('aura')

export class AuraError extends Error {}

/** The slot in the block's aura pre-runtime digest, or null. */
export function slotOfHeader(h: HeaderValue): bigint | null {
  for (const item of h.digest.logs) {
    if (item.type !== 'PreRuntime' || !sameBytes(item.value[0], AURA)) continue
    const data = item.value[1]
    if (data.length !== 8) return null
    return new DataView(data.buffer, data.byteOffset, 8).getBigUint64(0, true)
  }
  return null
}

/** The authority that owns `slot`. */
export function slotAuthor(slot: bigint, authorities: Uint8Array[]): Uint8Array | undefined {
  if (authorities.length === 0) return undefined
  return authorities[Number(slot % BigInt(authorities.length))]
}

/**
 * Check a received header's seal: an aura slot later than the parent's, signed by that slot's
 * author. Throws AuraError saying what is wrong. Returns the slot.
 */
export function verifyAuraSeal(h: HeaderValue, parentSlot: bigint | null, authorities: Uint8Array[]): bigint {
  const slot = slotOfHeader(h)
  if (slot === null) throw new AuraError(`block #${h.number} has no aura pre-digest`)
  if (parentSlot !== null && slot <= parentSlot) throw new AuraError(`block #${h.number}: slot ${slot} does not follow the parent's slot ${parentSlot}`)
  const seal = h.digest.logs.at(-1)
  if (!seal || seal.type !== 'Seal' || !sameBytes(seal.value[0], AURA)) throw new AuraError(`block #${h.number} is not sealed`)
  const author = slotAuthor(slot, authorities)
  if (!author) throw new AuraError(`no aura authorities at the parent of #${h.number}`)
  const hash = preSealHash(h)
  // verifySignature finds seals already checked on worker threads (BlockImporter pre-verifies them).
  if (seal.value[1].length !== 64 || !verifySignature('Sr25519', seal.value[1], hash, author)) {
    throw new AuraError(`bad seal on #${h.number}: not signed by slot ${slot}'s author ${hexOf(author)}`)
  }
  return slot
}

/** What the seal signs: the hash of the header without its last digest item. */
function preSealHash(h: HeaderValue): Uint8Array {
  // Sync builds the seal job and then checks the seal on import from the same decoded header.
  // (A header whose digest was replaced since is hashed again.)
  const known = preSealHashes.get(h)
  if (known && known.logs === h.digest.logs) return known.hash
  const hash = blake2_256(encode(Header, { ...h, digest: { logs: h.digest.logs.slice(0, -1) } }))
  preSealHashes.set(h, { logs: h.digest.logs, hash })
  return hash
}
const preSealHashes = new WeakMap<HeaderValue, { logs: HeaderValue['digest']['logs']; hash: Uint8Array }>()

/** The seal check of a header as a signature job (for worker threads), if it has the shape of one. */
export function sealJob(h: HeaderValue, authorities: Uint8Array[]): SignatureJob | undefined {
  const slot = slotOfHeader(h)
  const seal = h.digest.logs.at(-1)
  if (slot === null || !seal || seal.type !== 'Seal' || seal.value[1].length !== 64) return undefined
  const author = slotAuthor(slot, authorities)
  return author ? { kind: 'Sr25519', sig: seal.value[1], msg: preSealHash(h), signer: author } : undefined
}
