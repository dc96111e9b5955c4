// Walks of the fork tree against the canonical index (the current best chain): the route of a
// reorg, and whether a block descends from the finalized one. Read-only; the block store turns
// the results into ops. Both rely on the invariant that finalized is on the canonical chain.
import { u8aEq, u8aToHex } from '@polkadot/util'

export interface BlockRef {
  hash: Uint8Array
  number: number
}

export interface ChainView {
  /** Hash of the current best chain at height n (including staged, unpublished changes). */
  canonical(n: number): Uint8Array | undefined
  parentOf(hash: Uint8Array): Uint8Array | undefined
}

/**
 * Blocks that must enter the canonical index when `target` replaces `best`, from the target down
 * to just above the common ancestor. Throws when the target does not descend from `fin`.
 * Entries above target.number (up to best.number) must then be removed by the caller.
 */
export function reorgRoute(view: ChainView, best: BlockRef, target: BlockRef, fin: BlockRef): BlockRef[] {
  const enact: BlockRef[] = []
  let h = target.hash
  let n = target.number
  for (;;) {
    if (n <= best.number) {
      const c = view.canonical(n)
      if (c !== undefined && u8aEq(c, h)) break // common ancestor with the best chain
    }
    // At or below finalized height, a block off the best chain is off the finalized chain too.
    if (n <= fin.number) throw notFromFinalized(target, fin)
    enact.push({ hash: h, number: n })
    const parent = view.parentOf(h)
    if (parent === undefined) throw new Error(`corrupt database: no meta for ancestor ${u8aToHex(h)}`)
    h = parent
    n--
  }
  // The target may be a canonical ancestor of best (found at once): it still must not be below finalized.
  if (n < fin.number) throw notFromFinalized(target, fin)
  return enact
}

/** Does `block` have `fin` (which is canonical) as ancestor-or-self? */
export function descendsFrom(view: ChainView, block: BlockRef, fin: BlockRef): boolean {
  let h: Uint8Array | undefined = block.hash
  for (let n = block.number; h !== undefined; n--) {
    if (n < fin.number) return false
    if (n === fin.number) return u8aEq(h, fin.hash)
    const c = view.canonical(n)
    if (c !== undefined && u8aEq(c, h)) return true // on the best chain above finalized
    h = view.parentOf(h)
  }
  return false
}

function notFromFinalized(target: BlockRef, fin: BlockRef): Error {
  return new Error(`block ${u8aToHex(target.hash)} does not descend from finalized ${u8aToHex(fin.hash)}`)
}
