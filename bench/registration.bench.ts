// Issue #11 figure: 256 burned registrations into one subnet through blocks, against a real node
// process (--dev, instant seal) over a real socket. 256 distinct coldkeys (funded at genesis) each
// sign one `burned_register` of a distinct hotkey; the time runs from the first submission until
// every hotkey holds a uid on chain (read back from storage). Rounds go into fresh subnets (netuid
// 2, 3, 4…, made at genesis with room for 256 more uids and caps lifted), so each is the same work.
import '../src/polyfill.js'
import { blake2AsU8a, encodeAddress } from '@polkadot/util-crypto'
import { sr25519KeypairFromSeed } from '@polkadot/wasm-crypto'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { hexOf, hexToBytes } from '../src/codec/bytes.js'
import { cryptoReady } from '../src/codec/hashing.js'
import { encode } from '../src/codec/scale.js'
import { RuntimeCall } from '../src/frame/outer.js'
import { SubtensorStorage as S } from '../src/pallets/subtensor/storage.js'
import { Runtime } from '../src/runtime/runtime.js'
import { devSpecWith, startNodeProcess } from '../test/e2e/node-process.js'
import { Client } from './lib/client.js'
import { summarizeProfile } from './lib/cpu-profile.js'
import { processCpuMs, threadCpuMs } from './lib/proc-cpu.js'
import { assemble, benchAccount, signParts, type BenchAccount } from './lib/signer.js'

interface Row { name: string; value: number; unit: string }

const N = 256
const ROUNDS = Number(process.env.REG_BENCH_ROUNDS ?? 3)
/**
 * Untimed rounds first (REG_BENCH_WARMUP, default 4), into subnets of their own: a fresh node's
 * first 256 registrations cost about three times the CPU of later ones, and the second and third
 * rounds still pay for TurboFan optimising functions that run once or twice per registration
 * (≈ 2,600 → 1,000–1,250 → ≈ 800–980 µs of node CPU per registration over rounds 0, 1–2, 3–8,
 * REG_BENCH_VERBOSE=1). The figure is the node's steady state, as the block benches measure
 * (bench/lib/warmup.ts).
 */
const WARMUP = Number(process.env.REG_BENCH_WARMUP ?? 4)
const TAO = 1_000_000_000n
/**
 * The bench subnets' tempo: 360 (mainnet's), so no epoch runs during the bench. With the dev
 * chain's tempo (REG_BENCH_TEMPO=chain) an earlier round's subnet, now 257 uids, runs its first
 * epoch and pays 257 new hotkeys inside a later round's window: 0.3–0.75 s in one block, landing in
 * some rounds and not others — the per-block hooks' cost (epoch and payouts have figures of their
 * own), not the registrations'.
 */
const TEMPO: { tempo?: number } = process.env.REG_BENCH_TEMPO === 'chain' ? {} : { tempo: Number(process.env.REG_BENCH_TEMPO ?? 360) }

/** A key pair from a fixed seed: no derivation path to walk, so 768 keys cost nothing. */
function seededAccount(label: string): BenchAccount {
  const kp = sr25519KeypairFromSeed(blake2AsU8a(label, 256))
  return { name: label, secretKey: kp.slice(0, 64), publicKey: kp.slice(64) }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export async function run(): Promise<Row[]> {
  await cryptoReady()
  const runtime = await Runtime.get()
  const netuids = Array.from({ length: WARMUP + ROUNDS }, (_, r) => 2 + r)
  const coldkeys = netuids.map((n) => Array.from({ length: N }, (_, i) => seededAccount(`reg-bench-cold-${n}-${i}`)))
  const hotkeys = netuids.map((n) => Array.from({ length: N }, (_, i) => blake2AsU8a(`reg-bench-hot-${n}-${i}`, 256)))
  const alice = benchAccount('//Alice')
  const spec = devSpecWith((st) => {
    st.fundedAccounts = coldkeys.flat().map((c) => [hexOf(c.publicKey), (10n * TAO).toString()])
    st.subnets = netuids.map((netuid) => ({ netuid, owner: encodeAddress(alice.publicKey), hotkey: hexOf(blake2AsU8a(`reg-bench-owner-${netuid}`, 256)), started: true, ...TEMPO }))
    // Room for 256 more uids beside the owner's, and the per-block / per-interval caps lifted.
    st.hyperparameters = Object.fromEntries(netuids.map((n) => [String(n), { MaxAllowedUids: N + 1, MaxRegistrationsPerBlock: N, TargetRegistrationsPerInterval: N }]))
  })
  // BENCH_NODE_PROF=dir: the node runs under --cpu-prof and its busiest functions are printed.
  const profDir = process.env.BENCH_NODE_PROF
  // REG_BENCH_NODE_ARGS: extra V8/Node flags for the node process (e.g. --trace-gc).
  const nodeArgs = (process.env.REG_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const node = await startNodeProcess(['--dev', '--sealing', 'instant', '--chain', spec], 60_000, [...nodeArgs, ...(profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [])])
  const window = { from: 0, to: 0 }
  const c = await Client.open(node.url)
  try {
    const genesis = hexToBytes(await c.call<string>('chain_getBlockHash', [0]))
    const read = (key: Uint8Array): Promise<string | null> => c.call<string | null>('state_getStorage', [hexOf(key)])
    const bestNumber = async (): Promise<number> => Number((await c.call<{ number: string }>('chain_getHeader')).number)
    const walls: number[] = []
    const blocks: number[] = []
    let cpuMs = 0
    const threadMs = new Map<string, number>()
    for (const [r, netuid] of netuids.entries()) {
      // Signed before the clock starts: what is timed is the node's work.
      const txs = coldkeys[r]!.map((cold, i) => hexOf(assemble(signParts(runtime, genesis, cold,
        encode(RuntimeCall, { type: 'SubtensorModule', value: { type: 'burned_register', value: { netuid, hotkey: hotkeys[r]![i] } } }), { nonce: 0 }))))
      const key = hexOf(S.SubnetworkN.key(netuid))
      const allIn = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`round ${r}: registrations not all in blocks after 120 s`)), 120_000)
        void c.subscribe('state_subscribeStorage', [[key]], (res) => {
          const v = (res as { changes: [string, string | null][] }).changes[0]?.[1]
          if (v && (hexToBytes(v)[0]! | (hexToBytes(v)[1]! << 8)) === N + 1) { clearTimeout(timer); resolve() }
        })
      })
      const head0 = await bestNumber()
      const cpu0 = processCpuMs(node.proc.pid!)
      const threads0 = threadCpuMs(node.proc.pid!)
      if (r === WARMUP) window.from = Number(process.hrtime.bigint() / 1000n)
      const t0 = performance.now()
      const client0 = process.cpuUsage()
      await Promise.all(txs.map((tx) => c.call('author_submitExtrinsic', [tx])))
      // All in blocks once the subnet counts 257 neurons (the owner's and ours): the node tells
      // when SubnetworkN changes (a subscription, not polling, so the bench adds no node work).
      await allIn
      const timed = r >= WARMUP
      if (timed) walls.push(performance.now() - t0)
      const client = process.cpuUsage(client0)
      if (process.env.REG_BENCH_VERBOSE) console.error(`round ${r}: ${(performance.now() - t0).toFixed(0)} ms, bench client CPU ${((client.user + client.system) / N).toFixed(0)} µs/reg, node CPU ${((processCpuMs(node.proc.pid!) - cpu0) * 1000 / N).toFixed(0)} µs/reg, RSS ${/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${node.proc.pid!}/status`, 'utf8'))?.[1]} kB`)
      if (timed) {
        blocks.push(await bestNumber() - head0)
        cpuMs += processCpuMs(node.proc.pid!) - cpu0
        for (const [k, v] of threadCpuMs(node.proc.pid!)) threadMs.set(k, (threadMs.get(k) ?? 0) + v - (threads0.get(k) ?? 0))
      }
      window.to = Number(process.hrtime.bigint() / 1000n)
      // Every hotkey has its uid, and every coldkey paid: the registrations succeeded, not just ran.
      const uids = await Promise.all(hotkeys[r]!.map((hk) => read(S.Uids.key(netuid, hk))))
      const missing = uids.filter((u) => u === null).length
      if (missing > 0) throw new Error(`round ${r}: ${missing} hotkeys have no uid on netuid ${netuid}`)
    }
    const perSec = N / (median(walls) / 1000)
    // Where the node's CPU went, by thread (main, the signature workers, V8's GC helpers, libuv).
    console.error(`node CPU by thread, µs/reg: ${[...threadMs].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${((v * 1000) / (N * ROUNDS)).toFixed(0)}`).join(', ')}`)
    return [
      { name: `burned_register × ${N} into one subnet through blocks (instant seal, median of ${ROUNDS} after ${WARMUP} warm-up)`, value: perSec, unit: 'reg/s' },
      { name: 'burned_register: node CPU per registration (all threads, /proc)', value: (cpuMs * 1000) / (N * ROUNDS), unit: 'µs/reg' },
      { name: `burned_register: blocks the ${N} registrations took (median)`, value: median(blocks), unit: 'blocks' },
    ]
  } finally {
    c.close()
    if (process.env.REG_BENCH_NODE_OUTPUT) writeFileSync(process.env.REG_BENCH_NODE_OUTPUT, node.output())
    await node.kill('SIGTERM')
    if (profDir) printProfile(profDir, window, N * ROUNDS)
  }
}

function printProfile(dir: string, window: { from: number; to: number }, units: number): void {
  const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  if (!file) return
  const s = summarizeProfile(file, window)
  console.error(`node main thread busy ${(s.busyUs / units).toFixed(0)} µs/unit (${file})`)
  for (const f of s.byFunction.slice(0, 40)) console.error(`${(f.us / units).toFixed(1).padStart(8)} µs  ${f.name}`)
  console.error('-- inclusive')
  for (const f of s.inclusive.slice(0, 80)) console.error(`${(f.us / units).toFixed(1).padStart(8)} µs  ${f.name}`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.name.padEnd(80)} ${r.value.toFixed(0).padStart(10)} ${r.unit}`)
  process.exit(0)
}
