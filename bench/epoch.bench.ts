// Issue #13: one whole epoch through the pallet (storage reads, Yuma, persisted outputs) — 256 UIDs
// with 64 validators weighting every UID, and 4,096 UIDs with 64 validators weighting every UID
// (262,144 weight cells), bonds carried from a previous epoch; original Yuma and Yuma3.
import '../src/polyfill.js'
import { SubtensorStorage as S, subtensorPallet } from '../src/pallets/subtensor/index.js'
import { epoch } from '../src/pallets/subtensor/epoch/persist.js'
import { TestEnv, newStore } from '../src/pallets/test-utils.js'
import { System } from '../src/pallets/system/index.js'
import type { Overlay } from '../src/storage/overlay.js'
import { rng } from './lib/rng.js'

interface Row { name: string; value: number; unit: string }

const hotkey = (uid: number): Uint8Array => {
  const a = new Uint8Array(32).fill(0x22)
  new DataView(a.buffer).setUint32(0, uid + 1)
  return a
}

/** A subnet of n uids, `validators` of them staked and weighting every uid; one epoch already run. */
export function buildSubnet(n: number, validators: number, yuma3: boolean): Overlay {
  subtensorPallet()
  const s = newStore()
  const r = rng(11)
  System.Number.set(s, 100)
  const netuid = 1
  S.NetworksAdded.set(s, netuid, true)
  S.SubnetworkN.set(s, netuid, n)
  S.Tempo.set(s, netuid, 360)
  S.Yuma3On.set(s, netuid, yuma3)
  S.CommitRevealWeightsEnabled.set(s, netuid, false)
  S.MaxAllowedValidators.set(s, netuid, validators)
  S.TaoWeight.set(s, 0n)
  const lastUpdate: bigint[] = []
  for (let uid = 0; uid < n; uid++) {
    S.Keys.set(s, netuid, uid, hotkey(uid))
    S.Uids.set(s, netuid, hotkey(uid), uid)
    S.BlockAtRegistration.set(s, netuid, uid, 1n)
    if (uid < validators) S.TotalHotkeyAlpha.set(s, hotkey(uid), netuid, BigInt(1e12 + Math.floor(r() * 1e12)))
    lastUpdate.push(uid < validators ? 99n : 1n)
  }
  S.LastUpdate.set(s, netuid, lastUpdate)
  S.ValidatorPermit.set(s, netuid, Array.from({ length: n }, (_, i) => i < validators))
  for (let v = 0; v < validators; v++) {
    S.Weights.set(s, netuid, v, Array.from({ length: n }, (_, j): [number, number] => [j, 1 + Math.floor(r() * 65534)]))
  }
  epoch(s, { depositEvent: () => undefined }, netuid, 1_000_000_000n, 100n) // bonds exist for the measured epochs
  System.Number.set(s, 101)
  return s
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = []
  // A node runs epochs for as long as it lives: measure the JIT-compiled steady state, after a few
  // epochs of each kind on a throwaway subnet (without it the first configuration measured carries
  // the compilation of the whole epoch path).
  for (const yuma3 of [false, true]) {
    const s = buildSubnet(256, 64, yuma3)
    const env = new TestEnv(s, 101)
    for (let i = 0; i < 5; i++) {
      s.startTransaction()
      epoch(s, env, 1, 1_000_000_000n, 101n)
      s.rollbackTransaction()
    }
  }
  for (const [n, v] of [[256, 64], [4096, 64]] as const) {
    for (const yuma3 of [false, true]) {
      const s = buildSubnet(n, v, yuma3)
      const env = new TestEnv(s, 101)
      const wall: number[] = []
      const cpu: number[] = []
      for (let i = 0; i < 7; i++) {
        s.startTransaction()
        const c0 = process.cpuUsage()
        const t0 = performance.now()
        epoch(s, env, 1, 1_000_000_000n, 101n)
        wall.push(performance.now() - t0)
        const c = process.cpuUsage(c0)
        cpu.push((c.user + c.system) / 1000)
        s.rollbackTransaction()
      }
      const median = (x: number[]): number => x.sort((a, b) => a - b)[x.length >> 1] as number
      const label = `epoch (pallet), ${n} UIDs, ${v} validators, dense weights, ${yuma3 ? 'Yuma3' : 'original Yuma'}, median of 7`
      rows.push({ name: `${label}, wall`, value: median(wall), unit: 'ms' })
      // CPU time of this process: the figure that holds when other processes share the cores
      rows.push({ name: `${label}, CPU`, value: median(cpu), unit: 'ms' })
    }
  }
  return rows
}


