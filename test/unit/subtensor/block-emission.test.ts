// Block emission (coinbase/block_emission.rs) and its place in block_step: the halving curve at
// every threshold, the 21M cap by the balances issuance, and the recycled credit that keeps the
// halving clock still while no subnet takes TAO.
import { describe, expect, it } from 'vitest'
import { Balances, totalIssuance } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { DEFAULT_BLOCK_EMISSION, TOTAL_SUPPLY, emissionForIssuance, emissionForIssuanceFast, getBlockEmissionForIssuance } from '../../../src/pallets/subtensor/coinbase/block-emission.js'
import { mintTao, recycleCredit } from '../../../src/pallets/subtensor/coinbase/tao.js'
import { TestEnv, events, newStore, snapshot, startBlock } from '../../../src/pallets/test-utils.js'
import { initialize } from '../../../src/pallets/system/block.js'
import { System } from '../../../src/pallets/system/index.js'
import type { Overlay } from '../../../src/storage/overlay.js'

/** The issuance at which the k-th halving happens: the remaining supply is 21M / 2^k. */
const threshold = (k: bigint): bigint => TOTAL_SUPPLY - (TOTAL_SUPPLY >> k)

function runBlock(s: Overlay, n: number): unknown {
  System.Number.set(s, n - 1)
  // as the executive does: hooks run between initialize and note_finished_initialize
  initialize(s, n, new Uint8Array(32).fill(n - 1), [])
  return subtensorPallet().hooks.onInitialize?.({ s, env: new TestEnv(s, n), blockNumber: n })
}

describe('get_block_emission_for_issuance', () => {
  it('is 1 TAO per block from genesis up to the first halving', () => {
    expect(emissionForIssuance(0n)).toBe(DEFAULT_BLOCK_EMISSION)
    expect(emissionForIssuance(1n)).toBe(DEFAULT_BLOCK_EMISSION)
    expect(emissionForIssuance(threshold(1n) - 1n)).toBe(DEFAULT_BLOCK_EMISSION)
  })

  it('halves exactly at every threshold 21M·(1 − 2^−k), k = 1..20, in RAO', () => {
    for (let k = 1n; k <= 20n; k++) {
      // 1e9 / 2^k with the fraction dropped (k = 10 gives 976_562, the chain's table value)
      expect(emissionForIssuance(threshold(k)), `k=${k}`).toBe(DEFAULT_BLOCK_EMISSION >> k)
      expect(emissionForIssuance(threshold(k) - 1n), `k=${k} - 1 RAO`).toBe(DEFAULT_BLOCK_EMISSION >> (k - 1n))
    }
    expect(emissionForIssuance(10_500_000_000_000_000n)).toBe(500_000_000n)
    expect(emissionForIssuance(15_750_000_000_000_000n)).toBe(250_000_000n)
    expect(emissionForIssuance(18_375_000_000_000_000n)).toBe(125_000_000n)
    expect(emissionForIssuance(19_687_500_000_000_000n)).toBe(62_500_000n)
    expect(emissionForIssuance(threshold(10n))).toBe(976_562n)
  })

  it('the step table the pallet reads agrees with the exact curve around every step and at random points', () => {
    for (let k = 1n; k <= 31n; k++) {
      for (const d of [-2n, -1n, 0n, 1n, 2n]) {
        const i = threshold(k) + d
        if (i < TOTAL_SUPPLY) expect(emissionForIssuanceFast(i), `k=${k} d=${d}`).toBe(emissionForIssuance(i))
      }
    }
    let x = 0x2545f4914f6cdd1dn
    for (let n = 0; n < 2000; n++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n)
      const i = x % (TOTAL_SUPPLY + 1000n)
      expect(emissionForIssuanceFast(i), `at ${i}`).toBe(emissionForIssuance(i) ?? 0n)
    }
  })

  it('is 0 at and above the total supply', () => {
    expect(emissionForIssuanceFast(TOTAL_SUPPLY)).toBe(0n)
    expect(emissionForIssuanceFast(TOTAL_SUPPLY - 1n)).toBe(emissionForIssuance(TOTAL_SUPPLY - 1n))
    expect(emissionForIssuance(TOTAL_SUPPLY)).toBe(0n)
    expect(emissionForIssuance(TOTAL_SUPPLY + 1n)).toBe(0n)
    expect(emissionForIssuance((1n << 64n) - 1n)).toBe(0n)
  })

  it('stores BlockEmission only when the value changes', () => {
    const s = newStore()
    subtensorPallet()
    const before = snapshot(s)
    expect(getBlockEmissionForIssuance(s, 0n)).toBe(DEFAULT_BLOCK_EMISSION)
    // equal to the storage default: nothing is written
    expect(snapshot(s)).toEqual(before)
    expect(getBlockEmissionForIssuance(s, threshold(2n))).toBe(250_000_000n)
    expect(S.BlockEmission.get(s)).toBe(250_000_000n)
  })
})

describe('mint_tao and recycle_credit', () => {
  it('caps the mint by 21M minus the balances issuance, not SubtensorModule TotalIssuance', () => {
    const s = newStore()
    subtensorPallet()
    Balances.TotalIssuance.set(s, TOTAL_SUPPLY - 300n)
    S.TotalIssuance.set(s, 5n)
    const env = startBlock(s, 1)
    expect(mintTao(s, env, DEFAULT_BLOCK_EMISSION)).toBe(300n)
    expect(totalIssuance(s)).toBe(TOTAL_SUPPLY)
    expect(S.TotalIssuance.get(s)).toBe(305n)
    expect(events(s).filter((e) => e.name === 'Balances.Issued').map((e) => e.value)).toEqual([{ amount: 300n }])
    expect(mintTao(s, env, DEFAULT_BLOCK_EMISSION)).toBe(0n)
  })

  it('recycling lowers both issuances by the unspent credit', () => {
    const s = newStore()
    subtensorPallet()
    Balances.TotalIssuance.set(s, 1_000n)
    S.TotalIssuance.set(s, 700n)
    recycleCredit(s, 200n)
    expect([totalIssuance(s), S.TotalIssuance.get(s)]).toEqual([800n, 500n])
  })
})

describe('block_step on_initialize', () => {
  it('mints the block emission and, with no subnet to emit to, recycles all of it', () => {
    const s = newStore()
    subtensorPallet()
    Balances.TotalIssuance.set(s, 1_000_000n)
    S.TotalIssuance.set(s, 1_000_000n)
    for (let n = 1; n <= 5; n++) {
      runBlock(s, n)
      const issued = events(s).filter((e) => e.name === 'Balances.Issued')
      expect(issued.map((e) => [e.value, e.phase.type])).toEqual([[{ amount: DEFAULT_BLOCK_EMISSION }, 'Initialization']])
    }
    expect([totalIssuance(s), S.TotalIssuance.get(s)]).toEqual([1_000_000n, 1_000_000n])
  })

  it('recycled TAO delays the halving: one RAO below the threshold the rate stays 1 TAO', () => {
    const s = newStore()
    subtensorPallet()
    const justBelow = threshold(1n) - 1n
    Balances.TotalIssuance.set(s, justBelow)
    S.TotalIssuance.set(s, justBelow)
    for (let n = 1; n <= 3; n++) runBlock(s, n)
    expect(S.TotalIssuance.get(s)).toBe(justBelow)
    expect(S.BlockEmission.get(s)).toBe(DEFAULT_BLOCK_EMISSION)
    S.TotalIssuance.set(s, threshold(1n))
    runBlock(s, 4)
    expect(S.BlockEmission.get(s)).toBe(500_000_000n)
    expect(events(s).find((e) => e.name === 'Balances.Issued')?.value).toEqual({ amount: 500_000_000n })
  })

  it('at the total supply nothing is minted and no Issued event is deposited', () => {
    const s = newStore()
    subtensorPallet()
    S.TotalIssuance.set(s, TOTAL_SUPPLY)
    runBlock(s, 1)
    expect(S.BlockEmission.get(s)).toBe(0n)
    expect(events(s).some((e) => e.name === 'Balances.Issued')).toBe(false)
  })

  it('reports hooks.rs weight and cleans up hotkey-swap records older than one interval on its slot', () => {
    const s = newStore()
    subtensorPallet()
    S.NetworksAdded.set(s, 1, true)
    S.LastHotkeySwapOnNetuid.set(s, 1, new Uint8Array(32).fill(1), 0n)
    S.LastHotkeySwapOnNetuid.set(s, 1, new Uint8Array(32).fill(2), 5n)
    // block 7201 ≡ 1 (mod 7200): netuid 1's records; 0 + 7200 < 7201 goes, 5 + 7200 stays
    const w = runBlock(s, 7201)
    expect([...S.LastHotkeySwapOnNetuid.iterPrefix(s, 1)].map(([, at]) => at)).toEqual([5n])
    // RocksDbWeight: 25e6 per read, 1e8 per write; clean-up read 2 + 1 subnet + 2 records, wrote 1
    const reads = 8304n + 5n
    const writes = 110n + 1n
    expect(w).toEqual({ ref_time: 110_634_229_000n + reads * 25_000_000n + writes * 100_000_000n, proof_size: 0n })
  })

  it('cleans up every due subnet when several share the slot, and only added subnets', () => {
    const s = newStore()
    subtensorPallet()
    // netuids 1 and 7201 are both due at block 7201 (≡ 1 mod 7200); 2 is not; 14401 is due but not added
    for (const n of [1, 2, 7201]) S.NetworksAdded.set(s, n, true)
    const key = (b: number): Uint8Array => new Uint8Array(32).fill(b)
    for (const n of [1, 2, 7201, 14401]) {
      S.LastHotkeySwapOnNetuid.set(s, n, key(1), 0n)
      S.LastHotkeySwapOnNetuid.set(s, n, key(2), 5n)
      S.LastHotkeySwapOnNetuid.set(s, n, key(3), 1n)
    }
    const w = runBlock(s, 7201)
    const left = (n: number): bigint[] => [...S.LastHotkeySwapOnNetuid.iterPrefix(s, n)].map(([, at]) => at).sort((a, b) => Number(a - b))
    // 0 + 7200 < 7201 goes; 1 + 7200 and 5 + 7200 stay
    expect(left(1)).toEqual([1n, 5n])
    expect(left(7201)).toEqual([1n, 5n])
    expect(left(2)).toEqual([0n, 1n, 5n])
    expect(left(14401)).toEqual([0n, 1n, 5n])
    // read 2 + 3 subnets + 6 records of the two due subnets, removed 2
    const reads = 8304n + 2n + 3n + 6n
    const writes = 110n + 2n
    expect(w).toEqual({ ref_time: 110_634_229_000n + reads * 25_000_000n + writes * 100_000_000n, proof_size: 0n })
  })
})
