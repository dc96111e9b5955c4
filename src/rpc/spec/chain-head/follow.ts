// One chainHead_v1_follow subscription: which blocks it has reported, which it holds pinned, and
// the follow events (initialized, newBlock parents first, bestBlockChanged, finalized with the
// pruned forks, stop) derived from the node's head events.
import { hexOf } from '../../../codec/bytes.js'
import type { Blockchain } from '../../../chain/blockchain.js'
import { CODE_KEY } from '../../../pallets/system/block.js'
import type { RuntimeVersionValue } from '../../../runtime/version.js'
import type { BlockRef } from '../../../storage/block-store.js'
import type { Operations } from './operations.js'

/**
 * Pinned blocks one subscription may hold before it is stopped. Big enough for a client that
 * unpins as it goes to ride out a dev_newBlock burst of thousands of blocks.
 */
export const MAX_PINNED = 4096

export interface RuntimeSpecJson {
  specName: string
  implName: string
  specVersion: number
  implVersion: number
  transactionVersion: number
  apis: Record<string, number>
}
export type RuntimeJson = { type: 'valid'; spec: RuntimeSpecJson }

export function runtimeJson(v: RuntimeVersionValue): RuntimeJson {
  const apis: Record<string, number> = {}
  for (const [id, ver] of v.apis) apis[hexOf(id)] = ver
  return {
    type: 'valid',
    spec: {
      specName: v.spec_name, implName: v.impl_name, specVersion: v.spec_version,
      implVersion: v.impl_version, transactionVersion: v.transaction_version, apis,
    },
  }
}

interface Reported {
  number: number
  parent: string
  /** `:code` at this block (hex), to tell when a block changes the runtime. */
  code: string | null
}

export interface FollowEnv {
  chain: Blockchain
  withRuntime: boolean
  runtime: () => RuntimeJson
  send(event: object): void
  /** The subscription ended from the server side (after `stop`). */
  close(): void
}

export class Follow {
  readonly pinned = new Set<string>()
  /** The current finalized block and every reported block above it. */
  private readonly tree = new Map<string, Reported>()
  private finalized: string
  private finalizedNumber: number
  private best: string
  private stopped = false
  operations: Operations | undefined

  constructor(private readonly env: FollowEnv) {
    const chain = env.chain
    // Only what is durable is announced (a client must never see a block a crash could lose).
    const fin = chain.durableFinalized
    this.finalized = hexOf(fin.hash)
    this.finalizedNumber = fin.number
    this.best = this.finalized
    const finHeader = chain.header(fin.hash)!
    this.tree.set(this.finalized, { number: fin.number, parent: hexOf(finHeader.parent_hash), code: this.codeAt(fin.hash) })
    this.pinned.add(this.finalized)
    env.send(env.withRuntime
      ? { event: 'initialized', finalizedBlockHashes: [this.finalized], finalizedBlockRuntime: env.runtime() }
      : { event: 'initialized', finalizedBlockHashes: [this.finalized] })
    const best = chain.durableBest
    for (const b of chain.ancestry(best.hash, fin.number).reverse()) this.report(b.hash)
    // The initial block list always ends with the best block, even when it is the finalized one.
    this.best = hexOf(best.hash)
    if (!this.stopped) env.send({ event: 'bestBlockChanged', bestBlockHash: this.best })
  }

  get isStopped(): boolean { return this.stopped }

  onBlock(ref: BlockRef): void {
    if (!this.stopped) this.ensureReported(ref.hash, ref.number)
  }

  onBest(ref: BlockRef): void {
    if (this.stopped) return
    const h = hexOf(ref.hash)
    if (!this.ensureReported(ref.hash, ref.number) || h === this.best) return
    this.best = h
    this.env.send({ event: 'bestBlockChanged', bestBlockHash: h })
  }

  onFinalized(ref: BlockRef): void {
    if (this.stopped) return
    // Finality moved back (dev_revert / dev_reset): no follow event can say that, so the follow
    // ends and the client subscribes again from the new finalized block.
    if (ref.number < this.finalizedNumber || (ref.number === this.finalizedNumber && hexOf(ref.hash) !== this.finalized)) return this.stop()
    if (ref.number === this.finalizedNumber) return
    if (!this.ensureReported(ref.hash, ref.number)) return
    const target = hexOf(ref.hash)
    const path: string[] = []
    for (let h = target; h !== this.finalized; h = this.tree.get(h)!.parent) path.push(h)
    path.reverse()
    const onPath = new Set(path)
    const pruned: string[] = []
    for (const [h, r] of this.tree) {
      if (h === this.finalized || onPath.has(h)) continue
      if (r.number <= ref.number || this.ancestorAt(h, ref.number) !== target) pruned.push(h)
    }
    for (const h of pruned) this.tree.delete(h)
    for (const h of path.slice(0, -1)) this.tree.delete(h)
    this.tree.delete(this.finalized)
    this.finalized = target
    this.finalizedNumber = ref.number
    // The best block is never left among the pruned: move it to the new finalized block first.
    if (!this.tree.has(this.best)) {
      this.best = target
      this.env.send({ event: 'bestBlockChanged', bestBlockHash: target })
    }
    this.env.send({ event: 'finalized', finalizedBlockHashes: path, prunedBlockHashes: pruned })
  }

  /** Blocks reported and not yet unpinned. */
  isPinned(hashHex: string): boolean { return this.pinned.has(hashHex) }

  stop(): void {
    if (this.stopped) return
    this.stopped = true
    this.operations?.stopAll()
    this.env.send({ event: 'stop' })
    this.env.close()
    this.dispose()
  }

  dispose(): void {
    this.stopped = true
    this.pinned.clear()
    this.tree.clear()
  }

  /**
   * Report `hash` and any unreported ancestors, parents first. False when the block is not a
   * descendant of the finalized block (a dead fork), which is never reported.
   */
  private ensureReported(hash: Uint8Array, number: number): boolean {
    const missing: Uint8Array[] = []
    let h = hash
    let n = number
    while (!this.tree.has(hexOf(h))) {
      if (n <= this.finalizedNumber) return false
      missing.push(h)
      const header = this.env.chain.header(h)
      if (header === undefined) return false
      h = header.parent_hash
      n--
    }
    for (let i = missing.length - 1; i >= 0 && !this.stopped; i--) this.report(missing[i]!)
    return !this.stopped
  }

  private report(hash: Uint8Array): void {
    const h = hexOf(hash)
    if (this.tree.has(h)) return
    const header = this.env.chain.header(hash)!
    const parent = hexOf(header.parent_hash)
    const code = this.env.withRuntime ? this.codeAt(hash) : null
    this.tree.set(h, { number: header.number, parent, code })
    this.pinned.add(h)
    if (this.env.withRuntime) {
      const changed = code !== this.tree.get(parent)?.code
      this.env.send({ event: 'newBlock', blockHash: h, parentBlockHash: parent, newRuntime: changed ? this.env.runtime() : null })
    } else {
      this.env.send({ event: 'newBlock', blockHash: h, parentBlockHash: parent })
    }
    if (this.pinned.size > MAX_PINNED) this.stop()
  }

  private ancestorAt(h: string, number: number): string | undefined {
    let cur: string | undefined = h
    while (cur !== undefined) {
      const r = this.tree.get(cur)
      if (r === undefined) return undefined
      if (r.number === number) return cur
      cur = r.parent
    }
    return undefined
  }

  private codeAt(hash: Uint8Array): string | null {
    const v = this.env.chain.state(hash).get(CODE_KEY)
    return v === null ? null : hexOf(v)
  }
}
