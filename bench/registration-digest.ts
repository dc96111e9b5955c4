// A reproducible registration chain, for checking that a speed-up of the extrinsic path changes
// nothing observable: the chain of bench/registration.bench.ts (started subnets at tempo 360 with
// room for `n` more uids) on a fixed clock, `rounds` rounds of `n` burned_register each built into
// two blocks, as instant sealing splits a burst. Coldkeys sign with ed25519 (deterministic
// signatures, so every extrinsic, and hence every block hash, is the same from run to run). Besides
// the bench's plain registrations the rounds mix in the fee path's other branches: tips, mortal
// transactions, a second registration of the same hotkey (a dispatch error: fee and nonce only),
// an account that cannot pay (refused by the pool), and a stale nonce. Prints every block's hash
// (its state root covers every storage value and System.Events) and each round's pool refusals.
//
//   npx tsx bench/registration-digest.ts [rounds=2] [n=256] [classic|current] (default: the dev chain's regime)
import '../src/polyfill.js'
import { blake2AsU8a, ed25519PairFromSeed, ed25519Sign, encodeAddress } from '@polkadot/util-crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Blockchain } from '../src/chain/blockchain.js'
import { BlockProducer } from '../src/chain/producer.js'
import { PoolError, TxPool } from '../src/chain/txpool.js'
import { concatBytes, hexOf } from '../src/codec/bytes.js'
import { cryptoReady } from '../src/codec/hashing.js'
import { compactBytes, encode } from '../src/codec/scale.js'
import { RuntimeCall } from '../src/frame/outer.js'
import { genesisStorage, loadChainSpec, runtimeBuildOf } from '../src/node/chain-spec.js'
import { devAuthority } from '../src/node/keys.js'
import { signingMessage } from '../src/runtime/extrinsic.js'
import { Runtime } from '../src/runtime/runtime.js'
import { BlockStore } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'
import { devSpecWith } from '../test/e2e/node-process.js'
import { benchAccount } from './lib/signer.js'

const rounds = Number(process.argv[2] ?? 2)
const N = Number(process.argv[3] ?? 256)
const regime = process.argv[4] as 'classic' | 'current' | undefined
const TAO = 1_000_000_000n

interface Key { publicKey: Uint8Array; secretKey: Uint8Array }
const keyOf = (label: string): Key => ed25519PairFromSeed(blake2AsU8a(label, 256))

await cryptoReady()
const netuids = Array.from({ length: rounds }, (_, r) => 2 + r)
const coldkeys = netuids.map((n) => Array.from({ length: N }, (_, i) => keyOf(`reg-digest-cold-${n}-${i}`)))
const hotkeys = netuids.map((n) => Array.from({ length: N }, (_, i) => blake2AsU8a(`reg-digest-hot-${n}-${i}`, 256)))
const broke = keyOf('reg-digest-unfunded')
const alice = benchAccount('//Alice')
const chainSpec = loadChainSpec(devSpecWith((st) => {
  if (regime) st.registrationRegime = regime
  st.fundedAccounts = coldkeys.flat().map((c) => [hexOf(c.publicKey), (10n * TAO).toString()])
  st.subnets = netuids.map((netuid) => ({ netuid, owner: encodeAddress(alice.publicKey), hotkey: hexOf(blake2AsU8a(`reg-digest-owner-${netuid}`, 256)), started: true, tempo: 360 }))
  st.hyperparameters = Object.fromEntries(netuids.map((n) => [String(n), { MaxAllowedUids: N + 1, MaxRegistrationsPerBlock: N, TargetRegistrationsPerInterval: N }]))
}))
const runtime = await Runtime.get(runtimeBuildOf(chainSpec))

/** `period` 64 with the phase that makes `birth` the era's first block. */
function mortalEra(birth: number): { type: string; value: number } {
  const encoded = 5 | ((birth % 64) << 4)
  return { type: `Mortal${encoded & 0xff}`, value: encoded >> 8 }
}

function signed(from: Key, call: Uint8Array, nonce: number, tip: bigint, genesis: Uint8Array, mortal?: { birth: number; hash: Uint8Array }): Uint8Array {
  const exts = runtime.extrinsic.extensions
  const explicit: Record<string, unknown> = {
    CheckMortality: mortal ? mortalEra(mortal.birth) : { type: 'Immortal' }, CheckNonce: nonce, ChargeTransactionPayment: tip,
    CheckMetadataHash: { mode: { type: 'Disabled' } },
  }
  const extra = concatBytes(...exts.map((e) => encode(e.type, explicit[e.identifier] ?? null)))
  const implicitValues: Record<string, unknown> = {
    CheckSpecVersion: runtime.version.spec_version, CheckTxVersion: runtime.version.transaction_version,
    CheckGenesis: genesis, CheckMortality: mortal?.hash ?? genesis, CheckMetadataHash: null,
  }
  const implicit = concatBytes(...exts.map((e) => encode(e.additionalSigned, implicitValues[e.identifier] ?? null)))
  const sig = ed25519Sign(signingMessage(call, extra, implicit), from)
  // MultiAddress::Id, MultiSignature::Ed25519
  const body = concatBytes(new Uint8Array([0x84, 0x00]), from.publicKey, new Uint8Array([0x00]), sig, extra, call)
  return concatBytes(compactBytes(body.length), body)
}

const register = (netuid: number, hotkey: Uint8Array): Uint8Array =>
  encode(RuntimeCall, { type: 'SubtensorModule', value: { type: 'burned_register', value: { netuid, hotkey } } })

const dir = mkdtempSync(join(tmpdir(), 'registration-digest-db-'))
const store = await BlockStore.open(await openLevelKV(dir))
try {
  const chain = await Blockchain.open(store, runtime.executive, genesisStorage(chainSpec, runtime))
  const pool = new TxPool()
  const producer = new BlockProducer(chain, pool, runtime, { mode: { kind: 'manual' }, authority: devAuthority('alice'), instantFinality: true, now: () => 1_700_000_000_000 })
  await producer.produceMany(3)
  const genesis = chain.hashAt(0)!
  for (const [r, netuid] of netuids.entries()) {
    const best = chain.best
    const mortal = { birth: best.number, hash: best.hash }
    const txs: Uint8Array[] = []
    for (let i = 0; i < N; i++) {
      const cold = coldkeys[r]![i]!
      const call = register(netuid, hotkeys[r]![i]!)
      txs.push(signed(cold, call, 0, i % 16 === 0 ? 1_000n * BigInt(i + 1) : 0n, genesis, i % 16 === 1 ? mortal : undefined))
      // The same hotkey again from the same coldkey: HotKeyAlreadyRegisteredInSubNet, fee paid.
      if (i % 32 === 2) txs.push(signed(cold, call, 1, 0n, genesis))
    }
    txs.push(signed(broke, register(netuid, blake2AsU8a(`reg-digest-broke-${r}`, 256)), 0, 0n, genesis))
    const refusals = new Map<string, number>()
    const per = Math.ceil(txs.length / 2)
    for (let b = 0; b < 2; b++) {
      for (const raw of txs.slice(b * per, (b + 1) * per)) {
        try {
          pool.submit(raw, (x) => runtime.validateAt(chain, chain.best.hash, x, 'External'))
        } catch (e) {
          if (!(e instanceof PoolError)) throw e
          const k = `${e.kind}${e.validity ? `:${e.validity.kind}.${e.validity.reason}` : ''}`
          refusals.set(k, (refusals.get(k) ?? 0) + 1)
        }
      }
      await producer.produce()
      console.log(`#${chain.best.number} ${hexOf(chain.best.hash)} (pool ${pool.size})`)
    }
    // A stale nonce, once the round's transactions are in: refused as Invalid Stale.
    try {
      pool.submit(signed(coldkeys[r]![5]!, register(netuid, hotkeys[r]![5]!), 0, 7n, genesis), (x) => runtime.validateAt(chain, chain.best.hash, x, 'External'))
      refusals.set('accepted stale', 1)
    } catch (e) {
      if (!(e instanceof PoolError)) throw e
      refusals.set(`${e.kind}:${e.validity?.kind}.${e.validity?.reason}`, (refusals.get(`${e.kind}:${e.validity?.kind}.${e.validity?.reason}`) ?? 0) + 1)
    }
    console.log(`round ${r} refused: ${[...refusals].map(([k, v]) => `${k} ×${v}`).join(', ') || 'none'}`)
  }
} finally {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
}
process.exit(0)
