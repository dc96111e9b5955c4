// Acceptance (#2): import random blocks (real transfers, through the executive) into a LevelDB
// store, crash at a random batch (LevelDB batches are all-or-nothing, so the crashing batch and
// every later one are lost), reopen: best is the last block whose batch completed, and its whole
// state is readable from its state root and hashes back to it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { u8aToHex } from '@polkadot/util'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { benchAccount, signedTransfer } from '../../../bench/lib/signer.js'
import { Blockchain } from '../../../src/chain/blockchain.js'
import { genesisStorage, loadChainSpec } from '../../../src/node/chain-spec.js'
import { Runtime } from '../../../src/runtime/runtime.js'
import { BlockStore } from '../../../src/storage/block-store.js'
import { openLevelKV } from '../../../src/storage/level.js'
import { trieRoot, TrieView } from '../../../src/storage/trie/index.js'
import { CrashingKV } from '../../../src/storage/crashing-kv.testutil.js'

const dirs: string[] = []
afterEach(async () => { for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true }) })


const senders = ['//Alice', '//Bob', '//Charlie'].map(benchAccount)

describe('kill safety of the chain on LevelDB', () => {
  it('reopens on the last fully committed block with its whole state', async () => {
    const runtime = await Runtime.get()
    const genesis = genesisStorage(loadChainSpec('dev'), runtime)
    let crashes = 0
    await fc.assert(fc.asyncProperty(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.array(fc.record({ txs: fc.integer({ min: 0, max: 4 }), awaited: fc.boolean() }), { minLength: 4, maxLength: 16 }),
      async (crashPoint, blocks) => {
        // Batch 0 is genesis; the crash lands on one of the first blocks' batches (unawaited commits
        // may share a batch, so a late crash point can also mean no crash: both cases are checked).
        const crashAt = 1 + Math.floor(crashPoint * blocks.length * 0.75)
        const dir = await mkdtemp(join(tmpdir(), 'chain-crash-'))
        dirs.push(dir)
        const inner = await openLevelKV(dir)
        const crashing = new CrashingKV(inner, crashAt)
        const chain = await Blockchain.open(await BlockStore.open(crashing), runtime.executive, genesis)
        const nonces = senders.map(() => 0)
        const durable: { hash: Uint8Array; number: number }[] = [{ hash: chain.genesisHash, number: 0 }]
        const inFlight: Promise<void>[] = []
        let ts = 1_700_000_004_000n
        for (const b of blocks) {
          const txs: Uint8Array[] = []
          for (let i = 0; i < b.txs; i++) {
            const k = (i + nonces[0]!) % senders.length
            txs.push(signedTransfer(runtime, chain.genesisHash, senders[k]!, senders[(k + 1) % senders.length]!.publicKey, 1_000_000n + BigInt(i), nonces[k]!++))
          }
          ts += 12_000n
          let built
          try {
            built = chain.build({ parentHash: chain.best.hash, inherents: [runtime.timestampInherent(ts)], extrinsics: txs, preDigest: [runtime.auraPreDigest(ts / 12_000n)] })
          } catch { break } // the store refuses work after a failed batch
          expect(built.rejected).toEqual([])
          expect(built.body.length).toBe(1 + txs.length)
          const ref = { hash: built.hash, number: built.header.number }
          const p = chain.commit(built, { best: true, finalize: true }).then(() => { durable.push(ref) })
          if (b.awaited) { try { await p } catch { break } } else inFlight.push(p.catch(() => {}))
        }
        await Promise.all(inFlight)
        if (crashing.crashed) crashes++
        await inner.close().catch(() => {})

        const reopened = await BlockStore.open(await openLevelKV(dir))
        try {
          const last = durable.reduce((a, b) => (b.number > a.number ? b : a))
          expect(u8aToHex(reopened.best().hash)).toBe(u8aToHex(last.hash))
          expect(reopened.best().number).toBe(last.number)
          const meta = reopened.getMeta(last.hash)!
          // Every node of the best state is there, and the entries hash back to the state root.
          const entries = [...new TrieView(reopened, meta.stateRoot).entries(new Uint8Array())]
          expect(u8aToHex(trieRoot(entries))).toBe(u8aToHex(meta.stateRoot))
          // Production continues on the reopened chain.
          const again = await Blockchain.open(reopened, runtime.executive, genesis)
          const next = again.build({ parentHash: again.best.hash, inherents: [runtime.timestampInherent(ts + 12_000n)], extrinsics: [], preDigest: [runtime.auraPreDigest((ts + 12_000n) / 12_000n)] })
          await again.commit(next, { best: true, finalize: true })
          expect(again.best.number).toBe(last.number + 1)
        } finally {
          await reopened.close()
        }
      },
    ), { numRuns: 40 })
    // The property must actually have been exercised by crashes, not only by clean runs.
    expect(crashes).toBeGreaterThan(20)
  })
})
