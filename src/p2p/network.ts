// The network service: the libp2p host, three gossip topics (blocks, transactions, finality),
// the sync protocol and the finality voter, bound to the chain, the pool and the producer.
// What it learns about peers backs system_peers / system_health / system_syncState.
import type { PeerId } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { hexOf } from '../codec/bytes.js'
import { decode, encode } from '../codec/scale.js'
import type { Blockchain } from '../chain/blockchain.js'
import type { BlockProducer } from '../chain/producer.js'
import { PoolError, type TxPool } from '../chain/txpool.js'
import { SignatureVerifier } from '../chain/verifier.js'
import type { NetworkStatus, PeerInfo } from '../node/context.js'
import type { Runtime } from '../runtime/runtime.js'
import { Finality, type GrandpaVoter } from './finality.js'
import { createHost, peerAddress, type Host } from './host.js'
import { BlockImporter, type ImportResult } from './import.js'
import { Cost, PeerScores } from './scoring.js'
import { blocksFor, request, serve, Syncer, syncProtocol } from './sync.js'
import { Topics, type TopicKind } from './topics.js'
import {
  BlockData, FinalityMessage, PROTOCOL_VERSION, type BlockDataValue, type FinalityMessageValue, type StatusValue,
  type SyncRequestValue, type SyncResponseValue,
} from './wire.js'

/** Who the node talks to (the CLI's peer-set flags, unchanged down to the network). */
export interface PeerSetOptions {
  publicAddrs: string[]
  bootnodes: string[]
  reserved: string[]
  reservedOnly: boolean
  inPeers: number
  outPeers: number
  /** --discover-local: find peers on the local network with mDNS. */
  discoverLocal?: boolean
  /** How long a misbehaving peer stays banned. */
  banMs?: number
}

export interface NetworkOptions extends PeerSetOptions {
  nodeKey: Uint8Array
  listen: string[]
  authority: boolean
  /** The GRANDPA key among the voter set's ids, when this node is an authority. */
  voter?: (ids: Uint8Array[]) => GrandpaVoter | undefined
  log: (level: 'info' | 'warn' | 'debug', msg: string) => void
}

export interface NetworkDeps {
  chain: Blockchain
  runtime: Runtime
  pool: TxPool
  producer: BlockProducer
  /** Validate and pool a transaction (the node's submit path). */
  submit(raw: Uint8Array): Promise<unknown>
}

export class Network implements NetworkStatus {
  readonly scores: PeerScores
  readonly finality: Finality
  readonly syncer: Syncer
  readonly importer: BlockImporter
  private host!: Host
  private topics!: Topics
  private protocol!: string
  private readonly reserved = new Set<string>()
  private readonly reservedAddrs = new Map<string, string>()
  private readonly timers: NodeJS.Timeout[] = []
  private readonly counters = { in: { blocks: 0, transactions: 0, finality: 0 }, out: { blocks: 0, transactions: 0, finality: 0 } }
  private stopped = false
  private readonly sealVerifier: SignatureVerifier

  constructor(private readonly d: NetworkDeps, private readonly o: NetworkOptions) {
    this.scores = new PeerScores((b) => {
      o.log('warn', `Banning peer ${b.peer} for ${Math.round((o.banMs ?? 60_000) / 1000)} s: ${b.reason}`)
      void this.host?.hangUp(peerIdFromString(b.peer)).catch(() => {})
    }, { banMs: o.banMs ?? 60_000, maxMsgsPerSec: 500 })
    // One worker thread checks seals during sync while this thread executes blocks (with more,
    // the workers and the executing thread fight over two cores).
    this.sealVerifier = new SignatureVerifier(1)
    this.importer = new BlockImporter(d.chain, d.runtime, d.producer, this.sealVerifier)
    this.finality = new Finality(d.chain, d.runtime, d.producer, {
      voter: o.voter,
      broadcastVote: (vote) => this.publishFinality({ type: 'Vote', value: { vote, sent_ms: BigInt(Date.now()) } }),
      log: (m) => o.log('warn', m),
    })
    this.syncer = new Syncer(d.chain, this.importer, {
      request: (peer, req) => this.request(peer, req),
      invalid: (peer, r) => this.punish(peer, r),
      justification: (_hash, _n, j) => { void this.finality.onJustification(j) },
      log: (m) => o.log('debug', m),
    })
  }

  async start(): Promise<void> {
    const { chain } = this.d
    for (const addr of this.o.reserved) this.rememberReserved(addr)
    this.host = await createHost({
      nodeKey: this.o.nodeKey, listen: this.o.listen, announce: this.o.publicAddrs,
      bootnodes: this.o.bootnodes, reserved: this.o.reserved, reservedOnly: this.o.reservedOnly,
      inPeers: this.o.inPeers, outPeers: this.o.outPeers, discoverLocal: this.o.discoverLocal === true,
      isBanned: (p) => this.scores.isBanned(p),
    }, this.reserved)
    this.protocol = syncProtocol(chain.genesisHash)
    await serve(this.host, this.protocol, (req, peer) => this.answer(req, peer))
    this.topics = new Topics(this.host.services.pubsub, chain.genesisHash, this.counters, (peer) => this.scores.countMessage(peer))
    this.topics.on('blocks', (data, peer) => this.onGossipBlock(data, peer))
    this.topics.on('transactions', (data, peer) => this.onGossipTx(data, peer))
    this.topics.on('finality', (data, peer) => this.onGossipFinality(data, peer))

    this.host.addEventListener('peer:connect', (e) => this.o.log('debug', `connected to ${e.detail.toString()}`))
    this.host.addEventListener('peer:identify', (e) => {
      const id = e.detail.peerId.toString()
      this.o.log('debug', `identified ${id}: ${e.detail.protocols.join(' ')}`)
      // Where the peer listens, to tell others (peer exchange in the status response).
      this.listenAddrs.set(id, e.detail.listenAddrs.map((a) => `${a.toString()}/p2p/${id}`))
      if (e.detail.protocols.includes(this.protocol)) void this.refreshStatus(e.detail.peerId.toString())
    })
    // A peer found by mDNS is dialled like a bootnode (libp2p itself does not dial discovered peers).
    this.host.addEventListener('peer:discovery', (e) => {
      const id = e.detail.id.toString()
      if (this.o.reservedOnly || id === this.peerId || this.scores.isBanned(id)) return
      const connected = this.connectedPeers()
      if (connected.includes(id) || connected.length >= this.o.outPeers) return
      this.o.log('debug', `discovered ${id} at ${e.detail.multiaddrs.map(String).join(' ')}`)
      void this.host.dial(e.detail.id).catch(() => {})
    })
    this.host.addEventListener('peer:disconnect', (e) => {
      const id = e.detail.toString()
      this.syncer.removePeer(id)
      this.listenAddrs.delete(id)
      // Reserved peers are redialled, as Substrate keeps its reserved set connected.
      if (this.reserved.has(id) && !this.stopped) setTimeout(() => this.dialReserved(id), 1000).unref()
    })
    await this.host.start()
    for (const id of this.reserved) this.dialReserved(id)
    // Bootnodes that were not up yet (or went away) are dialled again until they answer.
    this.every(3000, () => this.dialBootnodes())

    // Our own blocks go out on the blocks topic; received ones are forwarded by gossipsub.
    chain.on('block', (b) => {
      if (this.importer.takeReceived(hexOf(b.hash))) return
      this.topics.announce('blocks', () => {
        const header = chain.headerBytes(b.hash)
        const body = chain.body(b.hash)
        return header && body ? encode(BlockData, { header, body, justification: null }) : undefined
      })
    })
    chain.on('block', (b) => this.finality.onBlock(b.hash))
    const slot = this.d.runtime.slotDurationMs
    this.every(Math.max(100, Math.floor(slot / 4)), () => { void this.finality.tick() })
    this.every(Math.max(1000, slot * 2), () => this.rebroadcast())
    this.every(5000, () => { for (const p of this.connectedPeers()) void this.refreshStatus(p) })
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const t of this.timers) clearInterval(t)
    await this.host?.stop()
    await this.sealVerifier.close()
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(() => { if (!this.stopped) fn() }, ms)
    t.unref()
    this.timers.push(t)
  }

  get peerId(): string { return this.host.peerId.toString() }

  // ---- gossip ----

  private async onGossipBlock(data: Uint8Array, peer: string): Promise<boolean | undefined> {
    let b: BlockDataValue
    try {
      b = decode<BlockDataValue>(BlockData, data)
    } catch {
      this.scores.report(peer, Cost.malformed, 'undecodable block announcement')
      return false
    }
    const r = await this.importer.import(b)
    if (r.kind === 'invalid') { this.punish(peer, r); return false }
    if (r.kind === 'unknownParent') {
      this.syncer.noteBlock(peer, r.header.number, r.hash)
      this.syncer.kick()
      return undefined
    }
    if (r.kind === 'imported' || r.kind === 'known') this.syncer.noteBlock(peer, r.header.number, r.hash)
    return r.kind === 'imported' ? true : undefined
  }

  private async onGossipTx(raw: Uint8Array, peer: string): Promise<boolean | undefined> {
    try {
      await this.d.submit(raw)
      return true
    } catch (e) {
      if (!(e instanceof PoolError)) {
        this.scores.report(peer, Cost.malformed, 'undecodable transaction')
        return false
      }
      if (e.validity?.kind === 'Invalid' && e.validity.reason === 'BadProof') {
        this.scores.report(peer, Cost.badSignature, 'transaction with a bad signature')
        return false
      }
      if (e.kind !== 'AlreadyImported') this.scores.report(peer, Cost.uselessTx, `useless transaction (${e.kind})`)
      return undefined
    }
  }

  private async onGossipFinality(data: Uint8Array, peer: string): Promise<boolean | undefined> {
    let m: FinalityMessageValue
    try {
      m = decode<FinalityMessageValue>(FinalityMessage, data)
    } catch {
      this.scores.report(peer, Cost.malformed, 'undecodable finality message')
      return false
    }
    const verdict = m.type === 'Vote' ? await this.finality.onVote(m.value.vote) : await this.finality.onJustification(m.value.justification)
    if (verdict === 'bad') { this.scores.report(peer, Cost.badSignature, `bad ${m.type === 'Vote' ? 'vote' : 'justification'}`); return false }
    return verdict === 'accepted' ? true : undefined
  }

  private punish(peer: string, r: Extract<ImportResult, { kind: 'invalid' }>): void {
    this.o.log('warn', `💔 Invalid block from ${peer}: ${r.reason}`)
    this.scores.report(peer, Cost.badBlock, r.badSeal ? `bad seal: ${r.reason}` : `invalid block: ${r.reason}`)
  }

  private publishFinality(m: FinalityMessageValue): void {
    this.topics?.publish('finality', encode(FinalityMessage, m))
  }

  /** Votes of the current round and the latest justification again, for peers that missed them. */
  private rebroadcast(): void {
    for (const vote of this.finality.ownVotes()) this.publishFinality({ type: 'Vote', value: { vote, sent_ms: BigInt(Date.now()) } })
    const fin = this.d.chain.finalized
    const j = fin.number > 0 ? this.finality.justificationOf(fin.hash) : null
    if (j) this.publishFinality({ type: 'Commit', value: { justification: j, sent_ms: BigInt(Date.now()) } })
  }

  /** Gossip a transaction this node accepted from a client. */
  announceTransaction(raw: Uint8Array): void { this.topics?.publish('transactions', raw) }

  // ---- sync protocol ----

  private status(): StatusValue {
    const { chain } = this.d
    const peers = [...this.listenAddrs.values()].flat().slice(0, 64)
    return {
      version: PROTOCOL_VERSION, genesis: chain.genesisHash, best_number: chain.best.number, best_hash: chain.best.hash,
      finalized_number: chain.finalized.number, finalized_hash: chain.finalized.hash, authority: this.o.authority, peers,
    }
  }

  private answer(req: SyncRequestValue, peer: string): SyncResponseValue {
    if (this.scores.isBanned(peer)) return { type: 'Refused', value: 'banned' }
    if (req.type === 'Status') return { type: 'Status', value: this.status() }
    return { type: 'Blocks', value: blocksFor(this.d.chain, req.value, (h) => this.finality.justificationOf(h)) }
  }

  private request(peer: string, req: SyncRequestValue): Promise<SyncResponseValue> {
    return request(this.host, peerIdFromString(peer), this.protocol, req)
  }

  private readonly roles = new Map<string, boolean>()
  private readonly listenAddrs = new Map<string, string[]>()

  private async refreshStatus(peer: string): Promise<void> {
    try {
      const res = await this.request(peer, { type: 'Status' })
      if (res.type !== 'Status') return
      const s = res.value
      if (hexOf(s.genesis) !== hexOf(this.d.chain.genesisHash)) {
        this.o.log('warn', `Peer ${peer} is on another chain (genesis ${hexOf(s.genesis)}): disconnecting`)
        await this.host.hangUp(peerIdFromString(peer))
        return
      }
      this.o.log('debug', `status of ${peer}: best #${s.best_number}, finalized #${s.finalized_number}`)
      this.roles.set(peer, s.authority)
      this.syncer.onStatus(peer, s)
      this.discover(s.peers)
    } catch (e) {
      this.o.log('debug', `status request to ${peer} failed: ${(e as Error).message}`)
    }
  }

  /** Dial peers our peers know, up to --out-peers (a small peer exchange). */
  private discover(addrs: string[]): void {
    if (this.o.reservedOnly) return
    const connected = new Set(this.connectedPeers())
    let out = this.host.getConnections().filter((c) => c.direction === 'outbound').length
    for (const a of addrs) {
      if (out >= this.o.outPeers) return
      let parsed
      try { parsed = peerAddress(a) } catch { continue }
      if (parsed.peer === this.peerId || connected.has(parsed.peer) || this.scores.isBanned(parsed.peer)) continue
      connected.add(parsed.peer)
      out++
      void this.host.dial(parsed.ma).catch(() => {})
    }
  }

  private dialBootnodes(): void {
    if (this.o.reservedOnly) return
    const connected = new Set(this.connectedPeers())
    if (connected.size >= this.o.outPeers) return
    for (const addr of this.o.bootnodes) {
      const { ma, peer } = peerAddress(addr)
      if (!connected.has(peer) && peer !== this.peerId && !this.scores.isBanned(peer)) void this.host.dial(ma).catch(() => {})
    }
  }

  // ---- reserved peers ----

  private rememberReserved(addr: string): string {
    const { peer } = peerAddress(addr)
    this.reserved.add(peer)
    this.reservedAddrs.set(peer, addr)
    return peer
  }

  private dialReserved(peer: string): void {
    const addr = this.reservedAddrs.get(peer)
    if (!addr || this.stopped || !this.reserved.has(peer)) return
    void this.host.dial(peerAddress(addr).ma).catch(() => {
      if (!this.stopped && this.reserved.has(peer)) setTimeout(() => this.dialReserved(peer), 2000).unref()
    })
  }

  async addReservedPeer(addr: string): Promise<void> {
    const peer = this.rememberReserved(addr)
    this.dialReserved(peer)
  }

  async removeReservedPeer(peerId: string): Promise<void> {
    let id: PeerId
    try { id = peerIdFromString(peerId) } catch (e) { throw new Error(`invalid peer id ${peerId}: ${(e as Error).message}`) }
    this.reserved.delete(peerId)
    this.reservedAddrs.delete(peerId)
    // With --reserved-only a peer that is no longer reserved may not stay connected.
    if (this.o.reservedOnly) await this.host.hangUp(id).catch(() => {})
  }

  // ---- NetworkStatus ----

  private connectedPeers(): string[] {
    return [...new Set(this.host.getConnections().map((c) => c.remotePeer.toString()))]
  }

  peers(): PeerInfo[] {
    return this.connectedPeers().map((id) => {
      const s = this.syncer.peers.get(id)
      return { peerId: id, roles: this.roles.get(id) ? 'AUTHORITY' : 'FULL', bestHash: s ? hexOf(s.bestHash) : hexOf(this.d.chain.genesisHash), bestNumber: s?.best ?? 0 }
    })
  }

  isSyncing(): boolean { return this.syncer.isMajorSyncing() }
  highestBlock(): number { return Math.max(this.syncer.highestSeen, this.d.chain.best.number) }
  listenAddresses(): string[] {
    return this.host.getMultiaddrs().map((m) => m.toString())
  }

  reservedPeers(): string[] { return [...this.reserved] }

  networkState(): Record<string, unknown> {
    const connected: Record<string, unknown> = {}
    for (const c of this.host.getConnections()) {
      const id = c.remotePeer.toString()
      const s = this.syncer.peers.get(id)
      connected[id] = {
        endpoint: c.direction === 'outbound' ? { dialing: c.remoteAddr.toString() } : { listening: { send_back_addr: c.remoteAddr.toString() } },
        latestPingTime: null,
        knownAddresses: [c.remoteAddr.toString()],
        bestNumber: s?.best ?? null,
        reputation: this.scores.score(id),
      }
    }
    return {
      peerId: this.peerId,
      listenedAddresses: this.listenAddresses(),
      externalAddresses: this.o.publicAddrs,
      connectedPeers: connected,
      notConnectedPeers: {},
      bannedPeers: this.scores.bans().map((b) => ({ peerId: b.peer, until: new Date(b.until).toISOString(), reason: b.reason })),
      peerset: { reservedOnly: this.o.reservedOnly, reserved: this.reservedPeers() },
    }
  }

  gossipCounters(): { in: Record<TopicKind, number>; out: Record<TopicKind, number> } {
    return { in: { ...this.counters.in }, out: { ...this.counters.out } }
  }
}
