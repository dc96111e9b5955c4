// The sync protocol: one SCALE request and one SCALE response per stream (length-prefixed), for a
// peer's status or a range of whole blocks; and the client side that catches this node up to the
// best chain its peers know (joining late, after a restart, after a partition).
import type { PeerId } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import { hexOf } from '../codec/bytes.js'
import { decode, encode } from '../codec/scale.js'
import type { Blockchain } from '../chain/blockchain.js'
import type { Host } from './host.js'
import type { BlockImporter, ImportResult } from './import.js'
import {
  SyncRequest, SyncResponse, type BlockDataValue, type StatusValue, type SyncRequestValue, type SyncResponseValue,
} from './wire.js'

const MAX_MESSAGE = 32 * 1024 * 1024
/** Blocks per response, and a byte budget so a response of big blocks stays bounded. */
export const MAX_BLOCKS = 1024
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024
/** A node further behind its best peer than this is major-syncing (it does not author). */
export const MAJOR_SYNC_DISTANCE = 4

export function syncProtocol(genesis: Uint8Array): string {
  return `/bittensor/${hexOf(genesis).slice(2, 18)}/sync/1`
}

export async function request(host: Host, peer: PeerId, protocol: string, req: SyncRequestValue, timeoutMs = 20_000): Promise<SyncResponseValue> {
  const signal = AbortSignal.timeout(timeoutMs)
  const stream = await host.dialProtocol(peer, protocol, { signal })
  try {
    const lp = lpStream(stream, { maxDataLength: MAX_MESSAGE })
    await lp.write(encode(SyncRequest, req), { signal })
    const res = await lp.read({ signal })
    return decode<SyncResponseValue>(SyncResponse, res.subarray())
  } finally {
    await stream.close().catch(() => stream.abort(new Error('close failed')))
  }
}

export async function serve(host: Host, protocol: string, answer: (req: SyncRequestValue, peer: string) => SyncResponseValue): Promise<void> {
  await host.handle(protocol, async (stream, conn) => {
    try {
      const lp = lpStream(stream, { maxDataLength: 64 * 1024 })
      const raw = await lp.read({ signal: AbortSignal.timeout(10_000) })
      let res: SyncResponseValue
      try {
        res = answer(decode<SyncRequestValue>(SyncRequest, raw.subarray()), conn.remotePeer.toString())
      } catch (e) {
        res = { type: 'Refused', value: (e as Error).message }
      }
      await lp.write(encode(SyncResponse, res))
      await stream.close()
    } catch (e) {
      stream.abort(e as Error)
    }
  }, { runOnLimitedConnection: false })
}

/** Blocks for a request, from this node's chain. */
export function blocksFor(chain: Blockchain, req: Extract<SyncRequestValue, { type: 'Blocks' }>['value'], justification: (hash: Uint8Array) => Uint8Array | null): BlockDataValue[] {
  const max = Math.min(req.max, MAX_BLOCKS)
  const out: BlockDataValue[] = []
  let bytes = 0
  const push = (hash: Uint8Array): boolean => {
    const header = chain.headerBytes(hash)
    const body = chain.body(hash)
    if (!header || !body) return false
    out.push({ header, body, justification: justification(hash) })
    bytes += header.length + body.reduce((n, x) => n + x.length, 0)
    return out.length < max && bytes < MAX_RESPONSE_BYTES
  }
  if (req.ascending) {
    let n = req.from.type === 'Number' ? req.from.value : chain.numberOf(req.from.value)
    if (n === undefined) return out
    for (; n <= chain.best.number; n++) {
      const h = chain.hashAt(n)
      if (!h || !push(h)) break
    }
    return out
  }
  let h = req.from.type === 'Hash' ? req.from.value : chain.hashAt(req.from.value)
  while (h && chain.has(h)) {
    if (!push(h)) break
    const header = chain.header(h)
    if (!header || header.number === 0) break
    h = header.parent_hash
  }
  return out
}

export interface PeerSyncState { best: number; bestHash: Uint8Array; finalized: number }

export interface SyncerHooks {
  request(peer: string, req: SyncRequestValue): Promise<SyncResponseValue>
  /** A block the peer sent did not check out. */
  invalid(peer: string, r: Extract<ImportResult, { kind: 'invalid' }>): void
  /** A synced block came with a justification. */
  justification(hash: Uint8Array, number: number, justification: Uint8Array, peer: string): void
  log(msg: string): void
}

/** Catches up with the peers: ascending ranges of a peer's best chain, imported in order. */
export class Syncer {
  readonly peers = new Map<string, PeerSyncState>()
  private running = false
  private again = false
  /** Highest block number any peer has reported (system_syncState's highestBlock). */
  highestSeen = 0

  constructor(private readonly chain: Blockchain, private readonly importer: BlockImporter, private readonly hooks: SyncerHooks) {}

  onStatus(peer: string, s: StatusValue): void {
    this.peers.set(peer, { best: s.best_number, bestHash: s.best_hash, finalized: s.finalized_number })
    this.note(s.best_number)
    this.kick()
  }

  /** A peer announced a block (it has it, so its best is at least that high). */
  noteBlock(peer: string, number: number, hash: Uint8Array): void {
    const p = this.peers.get(peer)
    if (!p || number > p.best) this.peers.set(peer, { best: number, bestHash: hash, finalized: p?.finalized ?? 0 })
    this.note(number)
  }

  private note(n: number): void { if (n > this.highestSeen) this.highestSeen = n }

  removePeer(peer: string): void { this.peers.delete(peer) }

  /** The best number among connected peers (our own best when alone). */
  target(): number {
    let t = this.chain.best.number
    for (const p of this.peers.values()) if (p.best > t) t = p.best
    return t
  }

  isMajorSyncing(): boolean { return this.target() > this.chain.best.number + MAJOR_SYNC_DISTANCE }

  get isRunning(): boolean { return this.running }

  kick(): void {
    if (this.running) { this.again = true; return }
    this.running = true
    void this.run().catch((e: unknown) => this.hooks.log(`sync failed: ${(e as Error).message}`)).finally(() => {
      this.running = false
      if (this.again) { this.again = false; this.kick() }
    })
  }

  private pickPeer(): [string, PeerSyncState] | undefined {
    let pick: [string, PeerSyncState] | undefined
    for (const e of this.peers) {
      const [, p] = e
 // Longest chain: only a peer with a longer chain than ours has something to offer.
      if (p.best > this.chain.best.number && !this.chain.has(p.bestHash) && (!pick || p.best > pick[1].best)) pick = e
    }
    return pick
  }

  private async run(): Promise<void> {
    for (let rounds = 0; rounds < 100_000; rounds++) {
      const pick = this.pickPeer()
      if (!pick) return
      const [peer, state] = pick
      if (!(await this.syncFrom(peer, state))) {
        // No progress with this peer: forget its claim until it announces again.
        this.peers.delete(peer)
      }
    }
  }

  /** Fetch and import a peer's chain from our best onward; false when nothing could be imported. */
  private async syncFrom(peer: string, state: PeerSyncState): Promise<boolean> {
    let start = this.chain.best.number + 1
    let fellBack = false
    let progressed = false
    let next: Promise<SyncResponseValue> | undefined
    const ask = (n: number): Promise<SyncResponseValue> =>
      this.hooks.request(peer, { type: 'Blocks', value: { from: { type: 'Number', value: n }, ascending: true, max: MAX_BLOCKS } })
    while (start <= state.best) {
      const res = await (next ?? ask(start))
      next = undefined
      if (res.type !== 'Blocks' || res.value.length === 0) return progressed
      const blocks = res.value
      const last = start + blocks.length
      // Ask for the next range while this one imports.
      if (last <= state.best) next = ask(last)
      const results = await this.importer.importMany(blocks)
      const bad = results.at(-1)
      for (let i = 0; i < results.length; i++) {
        const r = results[i]!
        const j = blocks[i]!.justification
        if ((r.kind === 'imported' || r.kind === 'known') && j) this.hooks.justification(r.hash, r.header.number, j, peer)
        if (r.kind === 'imported') progressed = true
      }
      if (bad?.kind === 'invalid') { this.hooks.invalid(peer, bad); next?.catch(() => {}); return false }
      if (bad?.kind === 'unknownParent' && results.length === 1) {
        // Our best is on another branch than the peer's: restart from the finalized block.
        next?.catch(() => {})
        next = undefined
        if (fellBack) return progressed
        fellBack = true
        start = this.chain.finalized.number + 1
        continue
      }
      if (bad && bad.kind !== 'imported' && bad.kind !== 'known') { next?.catch(() => {}); return progressed }
      start = last
    }
    next?.catch(() => {})
    return progressed
  }
}
