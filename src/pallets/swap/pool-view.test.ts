// The Swap pallet handed the pool's reserves by a caller that holds them (the coinbase), with its
// balancer weight remembered in that object across calls, against the same calls reading
// everything from storage: on random pools, the same prices, results, errors and end state.
import { describe, expect, it } from 'vitest'
import { rng } from '../../../bench/lib/rng.js'
import { DispatchFailure } from '../../frame/primitives.js'
import type { PoolReserves } from '../../primitives/swap-interface/index.js'
import { SubtensorStorage as S } from '../subtensor/storage.js'
import { newStore } from '../test-utils.js'
import { Overlay } from '../../storage/overlay.js'
import { adjustProtocolLiquidity, currentPrice, MAX_PRICE, swap, SwapStorage as St } from './index.js'
import { HALF_WEIGHT } from './pallet.js'

const NETUID = 5

function randomPool(r: () => number): Overlay {
  const s = newStore()
  const amount = (): bigint => BigInt(Math.floor(r() * 1e6)) * BigInt(Math.floor(r() * 1e6) + 1)
  S.SubnetMechanism.set(s, NETUID, r() < 0.9 ? 1 : 0)
  S.SubnetTAO.set(s, NETUID, amount())
  if (r() < 0.95) S.SubnetAlphaIn.set(s, NETUID, amount())
  // no stored weight (the default ½), ½ stored, or one in [0.01, 0.99]
  if (r() < 0.8) St.SwapBalancer.set(s, NETUID, { quote: r() < 0.3 ? HALF_WEIGHT : BigInt(Math.floor((0.01 + 0.98 * r()) * 1e6)) * 10n ** 12n })
  if (r() < 0.8) St.PalSwapInitialized.set(s, NETUID, true)
  return s
}

const reservesOf = (s: Overlay): PoolReserves => ({ mechanism: S.SubnetMechanism.get(s, NETUID), tao: S.SubnetTAO.get(s, NETUID), alpha: S.SubnetAlphaIn.get(s, NETUID) })
const attempt = <T>(f: () => T): T | string => { try { return f() } catch (e) { if (e instanceof DispatchFailure) return e.message; throw e } }

/** The coinbase's sequence on one pool: price, re-weight, buy with the excess, price again. */
function sequence(s: Overlay, pool: PoolReserves | undefined, r: () => number): unknown[] {
  const out: unknown[] = [currentPrice(s, NETUID, pool)]
  // (nothing added, as in the dev chain's coinbase, a third of the time: whether ½ is stored then decides the write)
  const nothing = r() < 0.3
  const dTao = nothing ? 0n : BigInt(Math.floor(r() * 1e9))
  const dAlpha = nothing ? 0n : BigInt(Math.floor(r() * 1e9))
  out.push(adjustProtocolLiquidity(s, NETUID, dTao, dAlpha, pool))
  out.push(currentPrice(s, NETUID, pool))
  const amount = BigInt(Math.floor(r() * 1e10))
  const dropFees = r() < 0.5
  out.push(attempt(() => swap(s, NETUID, { kind: 'GetAlphaForTao', amount }, MAX_PRICE, dropFees, r() < 0.2, pool)))
  out.push(currentPrice(s, NETUID, pool))
  out.push(adjustProtocolLiquidity(s, NETUID, dTao / 2n, dAlpha / 3n, pool))
  return out
}

describe('Swap pallet on a caller-held pool view', () => {
  it('gives the storage-read results and leaves the same state, 600 random pools', () => {
    const kinds = new Set<string>()
    for (let seed = 1; seed <= 600; seed++) {
      const plain = new Overlay(randomPool(rng(seed)))
      const viewed = new Overlay(randomPool(rng(seed)))
      const pool = reservesOf(viewed)
      const a = sequence(plain, undefined, rng(seed * 7))
      const b = sequence(viewed, pool, rng(seed * 7))
      expect(b).toEqual(a)
      // a weight rewritten with its own bytes is not written: compare the end state, not the key sets
      for (const k of new Set([...plain.changes().keys(), ...viewed.changes().keys()])) {
        const key = Buffer.from(k, 'latin1')
        expect(viewed.get(key)).toEqual(plain.get(key))
      }
      kinds.add(typeof a[3] === 'string' ? 'error' : 'swapped')
      if (!St.PalSwapInitialized.contains(randomPool(rng(seed)), NETUID) && typeof a[3] !== 'string') kinds.add('initialized by the swap')
    }
    // the random pools reach every path: swaps done, refused, and a pool initialised on the way
    expect([...kinds].sort()).toEqual(['error', 'initialized by the swap', 'swapped'])
  })
})
