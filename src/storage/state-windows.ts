// Which packs hold the nodes of a state. A block's new trie nodes go into its pack (node-pack.ts);
// only a checkpoint copies under 'n' the nodes its state still holds (checkpoint-walk.ts). So the
// nodes of a block's state are under 'n' or in the packs of its window: its own and its
// ancestors' back to (not including) the nearest checkpoint. Most nodes a block makes are replaced
// within a few blocks and never reach 'n': on the 32-subnet dev chain a checkpoint every 64 blocks
// copies a few hundred nodes, where every block used to put ~115.
//
// The best block's window stays loaded and grows with each block built on it; it is what the
// block store reads new nodes from and what the next checkpoint walks. Windows of other blocks
// (older states, forks) are loaded from their packs when a read needs them.
import { u8aToHex } from '@polkadot/util'
import { sameBytes } from '../codec/bytes.js'
import { BoundedCache } from './cache.js'
import { keyString } from './kv.js'
import { windowNodesOfState } from './checkpoint-walk.js'
import type { NodeList } from './node-pack.js'
import { PackTable } from './pack-table.js'
import { HASH_LEN, packKey, rootKey, type BlockMeta } from './schema.js'

/** A checkpoint comes at the latest this many blocks after the last one, */
export const CHECKPOINT_BLOCKS = 64
/**
 * or sooner once the window's packs hold this many bytes: the best window stays in memory. A limit
 * by node count (16,384) made registration bursts, whose new nodes mostly stay, checkpoint every
 * few blocks and copy each under 'n' soon after its pack: 256 burned_register went from ≈ 2,100 to
 * ≈ 1,500–1,800 a second (#11's figure); by bytes they checkpoint every 64 blocks like the rest.
 */
export const CHECKPOINT_BYTES = 64 * 1024 * 1024

/** A new best window is made ready for at most this many nodes (a registration burst's can be far larger). */
const MAX_EXPECTED_NODES = 32_768

/** Loaded windows of blocks other than the best one, kept for further reads. */
const OTHER_WINDOWS = 8

export interface PackSource {
  meta(hash: Uint8Array): Readonly<BlockMeta> | undefined
  /** Committed-or-pending value of a key. */
  read(key: Uint8Array): Uint8Array | undefined
  /** The best chain's block at `number` (none above best). */
  canonical(number: number): Uint8Array | undefined
  best(): Uint8Array | undefined
}

export interface CheckpointLimits {
  /** Default CHECKPOINT_BLOCKS. */
  checkpointBlocks?: number
  /** Default CHECKPOINT_BYTES. */
  checkpointBytes?: number
}

export class StateWindows {
  /** The window of the best block as the store last built or loaded it. */
  private best: { tip: Uint8Array; table: PackTable } | undefined
  private readonly others = new BoundedCache<string, PackTable>(OTHER_WINDOWS)
  /** A block's descendant whose window holds its own (stretchEnd). */
  private readonly stretchEnds = new BoundedCache<string, Uint8Array>(4_096)

  /** Blocks by state root, for the window of a root a read names. */
  private readonly rootBlocks = new BoundedCache<string, Uint8Array>(4_096)
  private readonly checkpointBlocks: number
  private readonly checkpointBytes: number

  constructor(private readonly src: PackSource, limits: CheckpointLimits = {}) {
    this.checkpointBlocks = limits.checkpointBlocks ?? CHECKPOINT_BLOCKS
    this.checkpointBytes = limits.checkpointBytes ?? CHECKPOINT_BYTES
  }

  /** A node of the best block's state window, or of the window of the state at `root` (a stored block's state root). */
  find(hash: Uint8Array, best: Uint8Array | undefined, root: Uint8Array | undefined): Uint8Array | undefined {
    const fresh = best === undefined ? undefined : this.bestWindow(best).get(hash)
    if (fresh !== undefined) return fresh
    const block = root === undefined ? undefined : this.blockOfRoot(root)
    return block === undefined ? undefined : this.windowOf(block).get(hash)
  }

  /**
   * A block on top of the best block `parent`, with its pack and state root: its window (the
   * parent's with the pack added), or at a checkpoint an empty one and the nodes its state keeps
   * from the window, which go under 'n' in the block's batch. The caller hands the window to
   * advance() once the block is stored.
   */
  extendBest(parent: Uint8Array, pack: Uint8Array, stateRoot: Uint8Array): { window: PackTable; checkpoint: NodeList | undefined } {
    const window = this.bestWindow(parent)
    window.addPack(pack)
    if (window.packCount < this.checkpointBlocks && window.bytes < this.checkpointBytes) return { window, checkpoint: undefined }
    // The next window will grow about as large as this one: sized for it at once, it is not
    // rehashed four or five times over its 64 blocks.
    return { window: new PackTable(Math.min(window.size, MAX_EXPECTED_NODES)), checkpoint: windowNodesOfState(stateRoot, window) }
  }

  /** A stored block whose state root is `root` (any one: equal roots are equal states). */
  private blockOfRoot(root: Uint8Array): Uint8Array | undefined {
    const k = keyString(root)
    let block = this.rootBlocks.get(k)
    if (block === undefined && root.length === HASH_LEN) {
      block = this.src.read(rootKey(root))
      if (block !== undefined) this.rootBlocks.set(k, block)
    }
    return block
  }

  /**
   * The packs of `tip`'s state that are not under 'n': none for a checkpoint (its window for
   * extending the chain and for the next checkpoint's walk).
   */
  bestWindow(tip: Uint8Array): PackTable {
    const b = this.best
    if (b !== undefined && sameBytes(b.tip, tip)) return b.table
    const table = this.load(tip, false)
    this.best = { tip, table }
    return table
  }

  /** The best block's window, if it is loaded. */
  loadedBest(tip: Uint8Array): PackTable | undefined {
    const b = this.best
    return b !== undefined && sameBytes(b.tip, tip) ? b.table : undefined
  }

  /**
   * A window that holds every node of `block`'s state that is not under 'n', for reads (a
   * checkpoint's: its own pack). A window also holds the nodes of its block's ancestors back to
   * the same checkpoint, so the blocks of one stretch of the best chain share one: the window of
   * the last block before the next checkpoint, or the best block's.
   */
  windowOf(block: Uint8Array): PackTable {
    const m = this.src.meta(block)
    if (m === undefined) throw new Error(`state window: unknown block ${u8aToHex(block)}`)
    if (!m.checkpoint) {
      const inBest = this.bestWindowHolding(block, m.number)
      if (inBest !== undefined) return inBest
    }
    const tip = m.checkpoint ? block : this.stretchEnd(block, m.number)
    const k = keyString(tip)
    let table = this.others.get(k)
    if (table === undefined) {
      table = this.load(tip, true)
      this.others.set(k, table)
    }
    return table
  }

  /**
   * The best window, if `block` (not a checkpoint) is one of its blocks: a best-chain block after
   * the last checkpoint. The best window has one pack for each of them, up to best.
   */
  private bestWindowHolding(block: Uint8Array, number: number): PackTable | undefined {
    const best = this.src.best()
    const bestNumber = best === undefined ? undefined : this.src.meta(best)?.number
    if (best === undefined || bestNumber === undefined || number > bestNumber) return undefined
    const window = this.bestWindow(best)
    if (number <= bestNumber - window.packCount) return undefined
    const c = this.src.canonical(number)
    return c !== undefined && sameBytes(c, block) ? window : undefined
  }

  /** The newest best-chain block after `block` before the next checkpoint; `block` itself off the best chain. */
  private stretchEnd(block: Uint8Array, number: number): Uint8Array {
    const k = keyString(block)
    const known = this.stretchEnds.get(k)
    if (known !== undefined) return known
    let end = block
    let open = false
    const c = this.src.canonical(number)
    if (c !== undefined && sameBytes(c, block)) {
      for (let n = number + 1; ; n++) {
        const h = this.src.canonical(n)
        if (h === undefined) { open = true; break }
        const m = this.src.meta(h)
        if (m === undefined || m.checkpoint || !m.packed) break
        end = h
      }
    }
    // A stretch that reaches best is still growing (windowOf finds its blocks in the best window
    // first): it ends at best for now, so the answer is not kept. A closed stretch's end holds for
    // good: blocks and their parents never change, and a block's window stays a part of its
    // descendants' in the same stretch.
    if (!open) this.stretchEnds.set(k, end)
    return end
  }

  /**
   * The chain's best block is now `tip`, whose window is `table` (its parent's with its pack
   * added, or a new empty one after a checkpoint).
   */
  advance(tip: Uint8Array, table: PackTable): void {
    this.best = { tip, table }
  }

  /** Best moved elsewhere (a reorg, a rewind): its window is loaded when next needed. */
  forget(): void {
    this.best = undefined
  }

  /**
   * Packs of `block` and its ancestors back to the nearest checkpoint or version-1 block (which
   * has every node of its state under 'n'). A checkpoint's own pack counts only if `ownPack`.
   */
  private load(block: Uint8Array, ownPack: boolean): PackTable {
    const table = new PackTable()
    let cur = block
    for (let first = true; ; first = false) {
      const m = this.src.meta(cur)
      if (m === undefined) throw new Error(`state window: block ${u8aToHex(cur)} has no meta`)
      if (!m.packed || (m.checkpoint && !(first && ownPack))) return table
      const pack = this.src.read(packKey(m.number, cur))
      if (pack === undefined) throw new Error(`state window: the node pack of block #${m.number} is missing`)
      table.addPack(pack)
      if (m.checkpoint) return table
      cur = m.parentHash
    }
  }
}
