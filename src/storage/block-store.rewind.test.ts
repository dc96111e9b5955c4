// BlockStore.rewind (dev_revert): best and finalized move back together, below the old finalized
// block, in one batch; canonical-index entries left above the new best are never read, neither by
// lookups nor by fork choice, also after a reopen.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { u8aToHex } from '@polkadot/util'
import { afterEach, describe, expect, it } from 'vitest'
import { BlockStore, type BlockRef, type CommitBlockInput } from './block-store.js'
import { makeBlock, makeGenesis } from './block-store.fixtures.js'
import { openLevelKV } from './level.js'

const dirs: string[] = []
afterEach(async () => { for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true }) })

let saltCounter = 0
const child = (parent: BlockRef): CommitBlockInput =>
  makeBlock({ hash: parent.hash, number: parent.number }, Uint8Array.of(saltCounter >> 8, saltCounter++ & 0xff), [new Uint8Array(40).fill(saltCounter & 0xff)], [])
const ref = (b: BlockRef): BlockRef => ({ hash: b.hash, number: b.number })
const hx = (h: Uint8Array | undefined): string | undefined => (h === undefined ? undefined : u8aToHex(h))

async function chainOf(store: BlockStore, from: BlockRef, n: number, finalize: boolean): Promise<CommitBlockInput[]> {
  const out: CommitBlockInput[] = []
  let parent = from
  for (let i = 0; i < n; i++) {
    const b = { ...child(parent), setBest: true, setFinalized: finalize }
    await store.commitBlock(b)
    out.push(b)
    parent = b
  }
  return out
}

describe('BlockStore.rewind', () => {
  it('moves best and finalized below the old finalized block, and keeps the rest of the chain usable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rewind-test-'))
    dirs.push(dir)
    const g = makeGenesis([new Uint8Array(40).fill(1)])
    let store = await BlockStore.open(await openLevelKV(dir))
    await store.initGenesis(g)
    const genesis = { hash: g.hash, number: 0 }
    const a = await chainOf(store, genesis, 6, true)
    // Finalized is #6; rewind to #2 with #1 final.
    await store.rewind(a[1]!.hash, a[0]!.hash)
    expect(store.best()).toEqual(ref(a[1]!))
    expect(store.finalized()).toEqual(ref(a[0]!))
    expect(store.hashAt(3)).toBeUndefined()
    expect(store.isCanonical(a[4]!.hash)).toBe(false)
    // A block on the abandoned branch above best does not count as on the chain: building on #5
    // (whose index entry is still on disk) is a fork from #2 upwards, and stays a fork.
    const side = child(a[4]!)
    await store.commitBlock(side)
    expect(store.best()).toEqual(ref(a[1]!))
    // A new branch from #2 overwrites the stale entries.
    const b = await chainOf(store, a[1]!, 2, false)
    expect([1, 2, 3, 4].map((n) => hx(store.hashAt(n)))).toEqual([a[0], a[1], b[0], b[1]].map((x) => hx(x!.hash)))
    expect(store.hashAt(5)).toBeUndefined()
    // A rewind forward onto the abandoned branch writes its index entries again.
    await store.rewind(a[5]!.hash, a[2]!.hash)
    expect([3, 4, 5, 6].map((n) => hx(store.hashAt(n)))).toEqual([a[2], a[3], a[4], a[5]].map((x) => hx(x!.hash)))
    await store.rewind(genesis.hash, genesis.hash)
    await store.close()

    store = await BlockStore.open(await openLevelKV(dir))
    expect(store.best()).toEqual(genesis)
    expect(store.finalized()).toEqual(genesis)
    expect(store.hashAt(1)).toBeUndefined()
    // The stale entry at #1 is not taken for the chain: finalizing the old #1 makes it best first.
    await store.setFinalized(a[0]!.hash)
    expect(store.best()).toEqual(ref(a[0]!))
    expect(store.hashAt(2)).toBeUndefined()
    await store.close()
  })

  it('refuses a finalized block that is not an ancestor of the new best, changing nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rewind-test-'))
    dirs.push(dir)
    const g = makeGenesis([new Uint8Array(40).fill(2)])
    const store = await BlockStore.open(await openLevelKV(dir))
    await store.initGenesis(g)
    const a = await chainOf(store, { hash: g.hash, number: 0 }, 3, false)
    const fork = child(a[0]!)
    await store.commitBlock(fork)
    await expect(store.rewind(a[1]!.hash, a[2]!.hash)).rejects.toThrow(/not an ancestor/)
    await expect(store.rewind(a[2]!.hash, fork.hash)).rejects.toThrow(/not an ancestor/)
    await expect(store.rewind(new Uint8Array(32).fill(9), g.hash)).rejects.toThrow(/unknown block/)
    expect(store.best()).toEqual(ref(a[2]!))
    expect(store.finalized()).toEqual({ hash: g.hash, number: 0 })
    expect([1, 2, 3].map((n) => hx(store.hashAt(n)))).toEqual(a.map((x) => hx(x.hash)))
    await store.close()
  })
})
