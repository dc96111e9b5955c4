// Test support for the block-store tests and the kill -9 child script (not a test file itself):
// deterministic block builders and a reference model of the fork rules, written independently of
// block-store.ts (walks parent links instead of using a canonical index).
import { compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util'
import { blake2AsU8a } from '@polkadot/util-crypto'
import type { CommitBlockInput, GenesisInput } from './block-store.js'

export const blake2 = (b: Uint8Array): Uint8Array => blake2AsU8a(b, 256)

/** mulberry32: a tiny seeded PRNG, so a child process and its parent can replay the same chain. */
export class Rng {
  private s: number
  constructor(seed: number) { this.s = seed >>> 0 }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0
    let t = this.s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(n: number): number { return Math.floor(this.next() * n) }
  bytes(n: number): Uint8Array { return Uint8Array.from({ length: n }, () => this.int(256)) }
}

const u32le = (n: number): Uint8Array => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, n, true); return b }

/** A Substrate-shaped SCALE header: parent, compact number, state root, extrinsics root, one
 * PreRuntime 'aura' digest item carrying `salt` (which makes sibling blocks differ). ~115 bytes. */
export function encodeHeader(parent: Uint8Array, number: number, stateRoot: Uint8Array, xtRoot: Uint8Array, salt: Uint8Array): Uint8Array {
  const preRuntime = u8aConcat([6], new TextEncoder().encode('aura'), compactToU8a(salt.length), salt)
  return u8aConcat(parent, compactToU8a(number), stateRoot, xtRoot, compactToU8a(1), preRuntime)
}

export function makeBlock(parent: { hash: Uint8Array; number: number }, salt: Uint8Array, nodes: Uint8Array[], body: Uint8Array[] = []): CommitBlockInput {
  const trieNodes = new Map<string, Uint8Array>()
  for (const n of nodes) trieNodes.set(u8aToHex(blake2(n)), n)
  const number = parent.number + 1
  const stateRoot = blake2(u8aConcat(u32le(number), salt, ...nodes))
  const header = encodeHeader(parent.hash, number, stateRoot, blake2(u8aConcat(...body)), salt)
  return { hash: blake2(header), header, body, number, parentHash: parent.hash, stateRoot, trieNodes }
}

export function makeGenesis(nodes: Uint8Array[] = [Uint8Array.of(1, 2, 3)]): GenesisInput & { number: 0 } {
  const trieNodes = new Map<string, Uint8Array>()
  for (const n of nodes) trieNodes.set(u8aToHex(blake2(n)), n)
  const stateRoot = blake2(u8aConcat(...nodes))
  const header = encodeHeader(new Uint8Array(32), 0, stateRoot, blake2(new Uint8Array(0)), new Uint8Array(0))
  return { hash: blake2(header), header, number: 0, stateRoot, trieNodes }
}

export interface ModelBlock {
  hash: string
  number: number
  parent: string | null
  input: CommitBlockInput | GenesisInput
}

export interface ModelSnapshot { count: number; best: string; fin: string }

/** Reference fork rules: best/finalized by walking parent links. */
export class ChainModel {
  readonly blocks = new Map<string, ModelBlock>()
  readonly order: string[] = []
  best: string
  fin: string
  readonly genesis: string

  constructor(g: GenesisInput) {
    const h = u8aToHex(g.hash)
    this.blocks.set(h, { hash: h, number: 0, parent: null, input: g })
    this.order.push(h)
    this.best = this.fin = this.genesis = h
  }

  get(h: string): ModelBlock {
    const b = this.blocks.get(h)
    if (!b) throw new Error(`model: unknown block ${h}`)
    return b
  }

  isAncestorOrSelf(a: string, b: string): boolean {
    const na = this.get(a).number
    let x = this.get(b)
    while (x.number > na) x = this.get(x.parent!)
    return x.hash === a
  }

  /** Blocks that may be built on, made best or finalized. */
  viable(): string[] {
    return this.order.filter((h) => this.isAncestorOrSelf(this.fin, h))
  }

  addBlock(b: CommitBlockInput): void {
    const h = u8aToHex(b.hash)
    this.blocks.set(h, { hash: h, number: b.number, parent: u8aToHex(b.parentHash), input: b })
    this.order.push(h)
    if (b.setFinalized) this.finalize(h)
    else if (b.setBest) this.best = h
  }

  /** False (and no change) when the store must refuse. */
  setBest(h: string): boolean {
    if (!this.isAncestorOrSelf(this.fin, h)) return false
    this.best = h
    return true
  }

  finalize(h: string): boolean {
    if (!this.isAncestorOrSelf(this.fin, h)) return false
    if (!this.isAncestorOrSelf(h, this.best)) this.best = h
    this.fin = h
    return true
  }

  snapshot(): ModelSnapshot {
    return { count: this.order.length, best: this.best, fin: this.fin }
  }

  /** genesis..tip by parent links. */
  chainTo(tip: string): string[] {
    const out: string[] = []
    for (let x: string | null = tip; x !== null; x = this.get(x).parent) out.push(x)
    return out.reverse()
  }
}

/**
 * A deterministic stream of commitBlock inputs for a seed: mostly extending best, sometimes a
 * sibling fork, sometimes a fork made best, sometimes finalizing. Parent and child process both
 * replay it, so the parent knows exactly what block k was.
 */
export class ChainScript {
  readonly model: ChainModel
  readonly genesis: GenesisInput
  private readonly rng: Rng

  constructor(seed: number) {
    this.rng = new Rng(seed)
    this.genesis = makeGenesis()
    this.model = new ChainModel(this.genesis)
  }

  next(): CommitBlockInput {
    const r = this.rng
    const recent = this.recentViable()
    const viable = recent.length > 0 ? recent : [this.model.best]
    const parentHex = r.next() < 0.75 ? this.model.best : viable[r.int(viable.length)]!
    const parent = this.model.get(parentHex)
    const nodes = Array.from({ length: 3 + r.int(8) }, () => r.bytes(60 + r.int(80)))
    const salt = u8aConcat(u32le(this.model.order.length), r.bytes(4))
    const b = makeBlock({ hash: parent.input.hash, number: parent.number }, salt, nodes, [r.bytes(20)])
    const roll = r.next()
    b.setFinalized = roll < 0.08
    b.setBest = roll < 0.9
    this.model.addBlock(b)
    return b
  }

  // Only the last few blocks as fork points keeps the model's walks short on long runs.
  private recentViable(): string[] {
    const tail = this.model.order.slice(-8)
    return tail.filter((h) => this.model.isAncestorOrSelf(this.model.fin, h))
  }
}
