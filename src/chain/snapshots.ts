// Dev snapshots (dev_snapshot / dev_revert / dev_reset). Blocks and their state tries are never
// deleted and every block's state lives under its own root, so a snapshot is just the best and
// finalized pointers plus the pool's transactions: taking one and reverting to it cost the same
// whatever the number of blocks in between. Snapshots live in the node's database beside the
// blocks, so they survive a restart of a node with a base path.
import { decodeBody, encodeBody, HASH_LEN } from '../storage/schema.js'
import type { KvOp } from '../storage/kv.js'
import type { Blockchain } from './blockchain.js'
import type { TxPool } from './txpool.js'
import type { ValidTransaction } from '../runtime/validity.js'

/** Column of snapshot records: 'S' ++ id u32 BE → best[32] ++ finalized[32] ++ Vec<Vec<u8>> pool; 'S' alone → next id u32 BE. */
const COL_SNAPSHOT = 0x53
const NEXT_ID_KEY = Uint8Array.of(COL_SNAPSHOT)
const MAX_ID = 0xffff_ffff

const snapshotKey = (id: number): Uint8Array => {
  const k = new Uint8Array(5)
  k[0] = COL_SNAPSHOT
  new DataView(k.buffer).setUint32(1, id, false)
  return k
}
const u32be = (n: number): Uint8Array => {
  const b = new Uint8Array(4)
  new DataView(b.buffer).setUint32(0, n, false)
  return b
}

export interface Snapshot {
  best: Uint8Array
  finalized: Uint8Array
  /** Pooled transactions, oldest first. */
  pool: Uint8Array[]
}

export class UnknownSnapshot extends Error {
  constructor(id: number) { super(`No snapshot with id ${id}`) }
}

export class DevSnapshots {
  constructor(
    private readonly chain: Blockchain,
    private readonly pool: TxPool,
    /** Validity of a transaction against the current best block. */
    private readonly validate: (raw: Uint8Array) => ValidTransaction,
  ) {}

  /** Records the current best, finalized and pool; resolves with the new id once durable. */
  async take(): Promise<number> {
    const store = this.chain.store
    const next = store.getExtra(NEXT_ID_KEY)
    const id = next === undefined ? 1 : new DataView(next.buffer, next.byteOffset, 4).getUint32(0, false)
    if (id >= MAX_ID) throw new Error('snapshot ids exhausted')
    const s: Snapshot = { best: this.chain.best.hash, finalized: this.chain.finalized.hash, pool: this.pool.all().map((t) => t.raw) }
    const ops: KvOp[] = [
      { type: 'put', key: snapshotKey(id), value: encodeSnapshot(s) },
      { type: 'put', key: NEXT_ID_KEY, value: u32be(id + 1) },
    ]
    await store.putExtra(ops)
    return id
  }

  get(id: number): Snapshot | undefined {
    if (!Number.isInteger(id) || id < 1 || id >= MAX_ID) return undefined
    const v = this.chain.store.getExtra(snapshotKey(id))
    return v === undefined ? undefined : decodeSnapshot(v)
  }

  /**
   * Moves the chain back (or forward) to snapshot `id` and restores its pool. The snapshot stays:
   * blocks are never deleted, so it can be reverted to again.
   */
  async revert(id: number): Promise<void> {
    const s = this.get(id)
    if (s === undefined) throw new UnknownSnapshot(id)
    await this.restore(s)
  }

  /** Back to genesis with an empty pool. */
  async reset(): Promise<void> {
    const g = this.chain.genesisHash
    await this.restore({ best: g, finalized: g, pool: [] })
  }

  private async restore(s: Snapshot): Promise<void> {
    await this.chain.rewind(s.best, s.finalized)
    this.pool.replaceAll(s.pool, this.validate)
  }
}

function encodeSnapshot(s: Snapshot): Uint8Array {
  const pool = encodeBody(s.pool)
  const out = new Uint8Array(2 * HASH_LEN + pool.length)
  out.set(s.best, 0)
  out.set(s.finalized, HASH_LEN)
  out.set(pool, 2 * HASH_LEN)
  return out
}

function decodeSnapshot(v: Uint8Array): Snapshot {
  if (v.length < 2 * HASH_LEN + 1) throw new Error('corrupt snapshot record')
  return { best: v.slice(0, HASH_LEN), finalized: v.slice(HASH_LEN, 2 * HASH_LEN), pool: decodeBody(v.subarray(2 * HASH_LEN)) }
}
