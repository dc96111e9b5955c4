// Issue 17 (1): dev_snapshot / dev_revert / dev_reset against an in-process dev node (instant
// finality, so every revert also moves finality back). Random operations — transfers, blocks,
// scenario blocks (balances, a subnet's tempo), snapshots, reverts — and after each revert the best block, its state root, balances and the pool
// equal what was observed when the snapshot was taken.
import fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { benchAccount, signedTransfer, type BenchAccount } from '../../../bench/lib/signer.js'
import { concatBytes, hexOf } from '../../../src/codec/bytes.js'
import { hashKey, storagePrefix } from '../../../src/codec/hashing.js'
import { devNode, type Harness } from '../rpc/node-harness.js'
import { FollowReader, type FollowEvent } from '../rpc/spec-helpers.js'
import type { RawClient } from '../rpc/ws-client.js'

const ACCOUNTS = ['//Alice', '//Bob', '//Charlie', '//Dave'].map(benchAccount)
const accountKey = (a: BenchAccount): string => hexOf(concatBytes(storagePrefix('System', 'Account'), hashKey('Blake2_128Concat', a.publicKey)))
type Header = { number: string; stateRoot: string }

interface Observed {
  best: string
  number: number
  stateRoot: string
  finalized: string
  accounts: (string | null)[]
  pool: string[]
}

async function observe(c: RawClient): Promise<Observed> {
  const best = await c.call<string>('chain_getBlockHash')
  const header = await c.call<Header>('chain_getHeader', [best])
  const accounts: (string | null)[] = []
  for (const a of ACCOUNTS) accounts.push(await c.call<string | null>('state_getStorage', [accountKey(a), best]))
  const pool = (await c.call<string[]>('author_pendingExtrinsics')).sort()
  return { best, number: parseInt(header.number, 16), stateRoot: header.stateRoot, finalized: await c.call('chain_getFinalizedHead'), accounts, pool }
}

type Op =
  | { kind: 'transfer'; from: number; to: number; amount: bigint }
  | { kind: 'blocks'; count: number }
  | { kind: 'snapshot' }
  | { kind: 'revert'; pick: number }
  | { kind: 'scenario'; who: number; tao: number; tempo: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('transfer' as const), from: fc.nat(3), to: fc.nat(3), amount: fc.bigInt(1n, 10n ** 12n) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('blocks' as const), count: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'snapshot' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('revert' as const), pick: fc.nat() }) },
  // SubtensorModule and Balances state through a scenario block: a balance set, a tempo changed
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('scenario' as const), who: fc.nat(3), tao: fc.integer({ min: 1, max: 10_000 }), tempo: fc.integer({ min: 1, max: 1000 }) }) },
)

describe('dev_snapshot / dev_revert (property)', () => {
  let h: Harness
  beforeAll(async () => { h = await devNode() })
  afterAll(async () => { await h?.close() })

  it('a revert restores best block, state root, balances and pool exactly as snapshotted', async () => {
    const c = h.client
    const genesis = await c.call<string>('chain_getBlockHash', [0])
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
      expect(await c.call('dev_reset')).toBe(genesis)
      const atGenesis = await observe(c)
      expect(atGenesis).toMatchObject({ best: genesis, number: 0, finalized: genesis, pool: [] })
      const taken: [number, Observed][] = []
      for (const o of ops) {
        if (o.kind === 'transfer') {
          const from = ACCOUNTS[o.from]!
          const nonce = await c.call<number>('system_accountNextIndex', [hexOf(from.publicKey)])
          const xt = signedTransfer(h.ctx.runtime, h.ctx.chain.genesisHash, from, ACCOUNTS[o.to]!.publicKey, o.amount, nonce)
          await c.call('author_submitExtrinsic', [hexOf(xt)])
        } else if (o.kind === 'blocks') {
          await c.call('dev_newBlock', [{ count: o.count }])
        } else if (o.kind === 'scenario') {
          const uri = ['//Alice', '//Bob', '//Charlie', '//Dave'][o.who]!
          await c.call('dev_applyScenario', [{ accounts: { a: { coldkey: uri, balance: o.tao } }, subnets: [{ netuid: 1, hyperparameters: { Tempo: o.tempo } }] }])
        } else if (o.kind === 'snapshot') {
          taken.push([await c.call<number>('dev_snapshot'), await observe(c)])
        } else if (taken.length > 0) {
          const [id, seen] = taken[o.pick % taken.length]!
          expect(await c.call('dev_revert', [id])).toBe(seen.best)
          expect(await observe(c)).toEqual(seen)
        }
      }
      // Every snapshot taken stays usable, in any order.
      for (const [id, seen] of [...taken].reverse()) {
        await c.call('dev_revert', [id])
        expect(await observe(c)).toEqual(seen)
      }
      await c.call('dev_reset')
      expect(await observe(c)).toEqual(atGenesis)
    }), { numRuns: 12 })
  }, 120_000)

  it('a chainHead follow ends with stop when finality moves back, and can follow again', async () => {
    const c = h.client
    const id = await c.call<number>('dev_snapshot')
    const at = await c.call<string>('chain_getFinalizedHead')
    const f = await FollowReader.open(c, false)
    const is = (name: string) => (e: FollowEvent): boolean => e.event === name
    await f.until(is('bestBlockChanged'))
    await c.call('dev_newBlock', [{ count: 2 }])
    await f.until(is('finalized'))
    await c.call('dev_revert', [id])
    const evs = await f.until(is('stop'))
    expect(evs.at(-1)).toEqual({ event: 'stop' })
    const again = await FollowReader.open(c, false)
    const [init] = await again.until(is('initialized'))
    expect(init).toMatchObject({ event: 'initialized', finalizedBlockHashes: [at] })
  })

  it('refuses unknown or malformed snapshot ids and changes nothing', async () => {
    const c = h.client
    await c.call('dev_newBlock', [{ count: 2 }])
    const before = await observe(c)
    for (const bad of [[999_999], ['1'], [], [1.5], [-1]]) {
      const e = await c.error('dev_revert', bad)
      expect(e.code).toBe(1)
    }
    expect((await c.error('dev_revert', [999_999])).message).toBe('No snapshot with id 999999')
    expect(await observe(c)).toEqual(before)
  })

})

describe('dev_revert without instant finality', () => {
  let h: Harness
  beforeAll(async () => { h = await devNode({ instantFinality: false }) })
  afterAll(async () => { await h?.close() })

  it('a watcher of a transaction in a reverted block sees retracted', async () => {
    const c = h.client
    const id = await c.call<number>('dev_snapshot')
    const from = ACCOUNTS[1]!
    const nonce = await c.call<number>('system_accountNextIndex', [hexOf(from.publicKey)])
    const xt = signedTransfer(h.ctx.runtime, h.ctx.chain.genesisHash, from, ACCOUNTS[0]!.publicKey, 5n, nonce)
    const sub = await c.call<string>('author_submitAndWatchExtrinsic', [hexOf(xt)])
    const block = await c.call<string>('dev_newBlock')
    await c.call('dev_revert', [id])
    const seen = (await c.waitFor(sub, 3)).map((n) => n.params.result)
    expect(seen).toEqual(['ready', { inBlock: block }, { retracted: block }])
    // The snapshot's pool did not hold it: it is gone, the chain is back.
    expect(await c.call('author_pendingExtrinsics')).toEqual([])
  })
})

describe('snapshots across a restart', () => {
  it('a node with a base path keeps its snapshots', async () => {
    const base = mkdtempSync(join(tmpdir(), 'snap-restart-'))
    try {
      let h = await devNode({ basePath: base })
      await h.client.call('dev_newBlock', [{ count: 3 }])
      const from = ACCOUNTS[0]!
      const xt = signedTransfer(h.ctx.runtime, h.ctx.chain.genesisHash, from, ACCOUNTS[1]!.publicKey, 7n, 0)
      await h.client.call('author_submitExtrinsic', [hexOf(xt)])
      const id = await h.client.call<number>('dev_snapshot')
      const seen = await observe(h.client)
      await h.client.call('dev_newBlock', [{ count: 5 }])
      await h.close()
      h = await devNode({ basePath: base })
      try {
        expect((await observe(h.client)).number).toBe(seen.number + 5)
        await h.client.call('dev_revert', [id])
        expect(await observe(h.client)).toEqual(seen)
        // A new snapshot after the restart does not reuse an id.
        expect(await h.client.call<number>('dev_snapshot')).toBeGreaterThan(id)
      } finally {
        await h.close()
      }
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
  }, 60_000)
})
