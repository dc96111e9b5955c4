// PayoutPools (the payout's buffered alpha share pools) against the storage-backed pool ops, which
// read and write every key on every call: random pool states (deprecated Alpha / TotalHotkeyShares
// entries, V2 entries, none, shares without a denominator) and random increments, decrements and
// whole-pool updates, several coldkeys per hotkey. Every value read on the way must agree, and
// after the flush every key either side wrote must hold the same bytes on both (PayoutPools leaves
// out the writes that would not change a key, so the written key sets may differ).
import { describe, expect, it } from 'vitest'
import { rng } from '../../../bench/lib/rng.js'
import { hexOf } from '../../../src/codec/bytes.js'
import { SafeFloat } from '../../../src/primitives/share-pool/index.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { PayoutBlock } from '../../../src/pallets/subtensor/coinbase/payout-block.js'
import { PayoutPools } from '../../../src/pallets/subtensor/staking/payout-pools.js'
import { alphaSharePool } from '../../../src/pallets/subtensor/staking/stake-utils.js'
import { acct, newStore } from '../../../src/pallets/test-utils.js'
import { Overlay } from '../../../src/storage/overlay.js'

const NETUID = 3
const hotkeys = [acct(1), acct(2), acct(3)]
const coldkeys = [acct(11), acct(12), acct(13)]

/** `v1Rate`: how often a hotkey's pool entries sit in the deprecated maps. */
function randomState(r: () => number, v1Rate = 1): Overlay {
  subtensorPallet()
  const s = newStore()
  // (the block's own writes go to an overlay above the state, so its diff is theirs alone)
  const amount = (): bigint => BigInt(Math.floor(r() * 1e6)) * BigInt(Math.floor(r() * 1e6))
  const float = () => { const f = SafeFloat.fromU64(amount() + 1n); return { mantissa: f.mantissa, exponent: f.exponent } }
  for (const hk of hotkeys) {
    const d = r()
    const v1 = r() < v1Rate
    if (d < 0.3 && v1) S.TotalHotkeyShares.set(s, hk, NETUID, { bits: amount() << 64n })
    else if (d < 0.8) S.TotalHotkeySharesV2.set(s, hk, NETUID, float())
    if (r() < 0.8) S.TotalHotkeyAlpha.set(s, hk, NETUID, amount())
    for (const ck of coldkeys) {
      const a = r()
      if (a < 0.25 && v1) S.Alpha.set(s, [hk, ck, NETUID], { bits: amount() << 64n })
      else if (a < 0.7) S.AlphaV2.set(s, [hk, ck, NETUID], float())
    }
  }
  return new Overlay(s)
}

/** The final bytes of every key either store wrote. */
function written(a: Overlay, b: Overlay): [string[], string[]] {
  const keys = [...new Set([...a.changes().keys(), ...b.changes().keys()])].sort().map((k) => Buffer.from(k, 'latin1'))
  const dump = (s: Overlay) => keys.map((k) => { const v = s.get(k); return `${hexOf(k)}=${v === null ? '-' : hexOf(v)}` })
  return [dump(a), dump(b)]
}

describe('PayoutPools', () => {
  it('reads what the storage-backed pools read and leaves the same storage diff', () => {
    checkAgainstPlain(1, (buffered) => new PayoutPools(buffered, NETUID))
  })

  it('leaves the same diff when the block says which hotkeys hold deprecated entries', () => {
    // (about half the hotkeys hold none: their pools skip the deprecated maps' reads)
    checkAgainstPlain(0.5, (buffered) => {
      const block = new PayoutBlock(buffered, true)
      // (asked once before, as by an earlier payout of the block: the pools' asks then list)
      for (const hk of hotkeys) expect(block.holdsV1(hk)).toBe(true)
      return new PayoutPools(buffered, NETUID, undefined, (hk) => block.holdsV1(hk))
    })
  })
})

/** PayoutPools made by `poolsOf` against the storage-backed pools, on 200 random states and step lists. */
function checkAgainstPlain(v1Rate: number, poolsOf: (buffered: Overlay) => PayoutPools): void {
  for (let seed = 1; seed <= 200; seed++) {
    const r = rng(seed)
    const plain = randomState(rng(seed * 7919), v1Rate)
    const buffered = randomState(rng(seed * 7919), v1Rate)
    const pools = poolsOf(buffered)
    for (let step = 0; step < 12; step++) {
      const hk = hotkeys[Math.floor(r() * hotkeys.length)]!
      const ck = coldkeys[Math.floor(r() * coldkeys.length)]!
      const kind = r()
      const amount = kind < 0.15 ? 0n : BigInt(Math.floor(r() * 1e9)) * (kind > 0.85 ? -1n : 1n)
      if (kind < 0.75) {
        alphaSharePool(plain, hk, NETUID).updateValueForOne(ck, amount)
        pools.pool(hk).updateValueForOne(ck, amount)
      } else {
        alphaSharePool(plain, hk, NETUID).updateValueForAll(amount)
        pools.pool(hk).updateValueForAll(amount)
      }
      for (const c of coldkeys) expect(pools.pool(hk).tryGetValue(c), `seed ${seed} step ${step}`).toBe(alphaSharePool(plain, hk, NETUID).tryGetValue(c))
      expect(pools.stake(hk)).toBe(S.TotalHotkeyAlpha.get(plain, hk, NETUID))
    }
    pools.flush()
    const [got, want] = written(buffered, plain)
    expect(got, `seed ${seed}`).toEqual(want)
    // and no write that changes nothing: every key it wrote differs from the starting state
    const start = randomState(rng(seed * 7919), v1Rate)
    for (const [k, v] of buffered.changes()) {
      const before = start.get(Buffer.from(k, 'latin1'))
      expect(v === null ? before === null : before !== null && hexOf(before) === hexOf(v), `seed ${seed}: a write that changes nothing: ${hexOf(Buffer.from(k, "latin1"))} ${before === null ? "-" : hexOf(before)}`).toBe(false)
    }
  }
}
