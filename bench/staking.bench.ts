// Issue #12 figure: 10,000 add_stake / remove_stake extrinsics through blocks (built + committed on
// LevelDB, signatures checked on 2 threads), against a dynamic subnet's pool.
import '../src/polyfill.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Blockchain } from '../src/chain/blockchain.js'
import { SignatureVerifier } from '../src/chain/verifier.js'
import { encode } from '../src/codec/scale.js'
import { RuntimeCall } from '../src/frame/outer.js'
import { genesisStorage, loadChainSpec } from '../src/node/chain-spec.js'
import { Runtime } from '../src/runtime/runtime.js'
import { BlockStore } from '../src/storage/block-store.js'
import { openLevelKV } from '../src/storage/level.js'
import { Overlay } from '../src/storage/overlay.js'
import { nextNetuid } from '../src/pallets/subtensor/subnets/subnet.js'
import { runBlocks } from './chain.bench.js'
import { assemble, benchAccount, signedTransfer, signParts, type BenchAccount } from './lib/signer.js'

interface Row { name: string; value: number; unit: string }
const TAO = 1_000_000_000n
/** What the block weight admits of these calls (their benchmarked weight is far above a transfer's). */
const PER_BLOCK = Number(process.env.STAKE_BENCH_PER_BLOCK ?? 250)

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-stake-'))
  try {
    const runtime = await Runtime.get()
    const store = await BlockStore.open(await openLevelKV(dir))
    const chain = await Blockchain.open(store, runtime.executive, genesisStorage(loadChainSpec('dev'), runtime))
    const signed = (from: BenchAccount, call: unknown, nonce: number): Uint8Array =>
      assemble(signParts(runtime, chain.genesisHash, from, encode(RuntimeCall, call), { nonce }))
    const alice = benchAccount('//Alice')
    const hotkey = benchAccount('//Alice_stake_hk').publicKey
    const netuid = nextNetuid(new Overlay(chain.state(chain.best.hash)))
    const senders = Array.from({ length: 50 }, (_, i) => benchAccount(`//Staker${i}`))
    let aliceNonce = 0
    const setup = [
      signed(alice, { type: 'SubtensorModule', value: { type: 'register_network', value: { hotkey } } }, aliceNonce++),
      signed(alice, { type: 'Sudo', value: { type: 'sudo', value: { call: { type: 'AdminUtils', value: { type: 'sudo_set_subtoken_enabled', value: { netuid, subtoken_enabled: true } } } } } }, aliceNonce++),
      ...senders.map((s) => signedTransfer(runtime, chain.genesisHash, alice, s.publicKey, 1_000n * TAO, aliceNonce++)),
    ]
    await runBlocks(runtime, chain, [setup])
    const nonces = senders.map(() => 0)
    const batch = (kind: 'add_stake' | 'remove_stake'): Uint8Array[] => Array.from({ length: PER_BLOCK }, (_, i) => {
      const k = i % senders.length
      const value = kind === 'add_stake' ? { hotkey, netuid, amount_staked: TAO / 10n } : { hotkey, netuid, amount_unstaked: TAO / 20n }
      return signed(senders[k]!, { type: 'SubtensorModule', value: { type: kind, value } }, nonces[k]!++)
    })
    const blocks = 10_000 / PER_BLOCK / 2
    const batches = [...Array.from({ length: blocks }, () => batch('add_stake')), ...Array.from({ length: blocks }, () => batch('remove_stake'))]
    const verifier = new SignatureVerifier()
    await verifier.verifyBatch([])
    const t = performance.now()
    const cpu0 = process.cpuUsage()
    const applied = await runBlocks(runtime, chain, batches, verifier)
    const rate = applied / ((performance.now() - t) / 1000)
    // CPU of every thread (main, verifiers, GC, LevelDB): what the work costs whatever the load.
    const cpu = process.cpuUsage(cpu0)
    await verifier.close()
    await store.close()
    return [
      { name: 'add_stake / remove_stake extrinsics through blocks (10,000 in blocks of 250, 2 verifier threads)', value: rate, unit: 'tx/s' },
      { name: 'add_stake / remove_stake: CPU per extrinsic (all threads, process.cpuUsage)', value: (cpu.user + cpu.system) / applied, unit: 'µs/tx' },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.name.padEnd(60)} ${r.value.toFixed(0).padStart(10)} ${r.unit}`)
  process.exit(0)
}
