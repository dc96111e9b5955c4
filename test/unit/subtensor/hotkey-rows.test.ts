// What the block's epochs share (PayoutBlock, coinbase/hotkey-rows.ts): a hotkey's ChildKeys /
// ParentKeys edges and its root stake as the epoch views of several subnets read them with the
// block's knowledge equal the rows read key by key, on random states where hotkeys have edges on
// some subnets, on all, or on none; and a hotkey is listed only from its second ask in the block.
import { describe, expect, it } from 'vitest'
import { rng } from '../../../bench/lib/rng.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { HotkeyRows } from '../../../src/pallets/subtensor/coinbase/hotkey-rows.js'
import { PayoutBlock } from '../../../src/pallets/subtensor/coinbase/payout-block.js'
import { EpochView } from '../../../src/pallets/subtensor/epoch/epoch-view.js'
import { acct, newStore } from '../../../src/pallets/test-utils.js'
import { Overlay } from '../../../src/storage/overlay.js'

const NETS = [1, 2, 3, 4]
const hotkeys = [acct(1), acct(2), acct(3), acct(4)]

function randomState(seed: number): Overlay {
  subtensorPallet()
  const r = rng(seed)
  const s = newStore()
  for (const hk of hotkeys) {
    const rate = r() < 0.5 ? 0 : r()
    if (r() < 0.7) S.TotalHotkeyAlpha.set(s, hk, 0, BigInt(Math.floor(r() * 1e12)))
    for (const net of NETS) if (r() < 0.5) S.TotalHotkeyAlpha.set(s, hk, net, BigInt(Math.floor(r() * 1e12)))
    for (const net of NETS) {
      if (r() < rate) S.ChildKeys.set(s, hk, net, [[BigInt(Math.floor(r() * 1e9)), acct(50 + net)]])
      if (r() < rate) S.ParentKeys.set(s, hk, net, r() < 0.2 ? [] : [[BigInt(Math.floor(r() * 1e9)), acct(60 + net)]])
    }
  }
  return new Overlay(s)
}

describe('the block\'s hotkeys without rows', () => {
  it('give every view the edges and stakes read key by key', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const s = randomState(seed)
      // (a block paying out one subnet keeps nothing across subnets: every row read key by key)
      const block = new PayoutBlock(s, seed % 4 !== 0)
      const r = rng(seed * 31)
      for (const net of NETS) {
        const view = new EpochView(s, net, null, undefined, undefined, block)
        for (let i = 0; i < 6; i++) {
          const hk = hotkeys[Math.floor(r() * hotkeys.length)]!
          expect(view.children(hk), `seed ${seed}`).toEqual(S.ChildKeys.get(s, hk, net))
          expect(view.parents(hk), `seed ${seed}`).toEqual(S.ParentKeys.get(s, hk, net))
          expect(view.stake(hk, 0), `seed ${seed}`).toBe(S.TotalHotkeyAlpha.get(s, hk, 0))
          expect(view.stake(hk, net), `seed ${seed}`).toBe(S.TotalHotkeyAlpha.get(s, hk, net))
        }
      }
    }
  })

  it('lists a hotkey from its second ask only, once', () => {
    const s = randomState(7)
    let listed = 0
    const rows = new HotkeyRows(s, () => { listed++; return false })
    expect(rows.hasNone(hotkeys[0]!)).toBe(false)
    expect(listed).toBe(0)
    expect(rows.hasNone(hotkeys[0]!)).toBe(true)
    expect(rows.hasNone(hotkeys[0]!)).toBe(true)
    expect(listed).toBe(1)
    const some = new HotkeyRows(s, () => { listed++; return true })
    for (let i = 0; i < 4; i++) expect(some.hasNone(hotkeys[1]!)).toBe(false)
    expect(listed).toBe(2)
  })
})
