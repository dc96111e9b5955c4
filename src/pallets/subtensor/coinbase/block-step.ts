// coinbase/block_step.rs (v3.3.13): `adjust_registration_terms_for_networks`, the first thing
// on_initialize does in the classic regime — Difficulty and Burn re-targeted every
// AdjustmentInterval blocks from the interval's registrations, in U110F18 fixed point.
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { currentBlock } from '../utils/misc.js'
import { insertIfChanged } from '../utils/store-changed.js'

const FRAC = 18n
const ONE = 1n << FRAC
const MAX128 = (1n << 128n) - 1n
const U64_MAX = (1n << 64n) - 1n
const sat = (x: bigint): bigint => (x > MAX128 ? MAX128 : x)
const fromInt = (v: bigint): bigint => sat(v << FRAC)
/** Fixed-point multiply: the wide product shifted back, rounded down. */
const mul = (a: bigint, b: bigint): bigint => sat((a * b) >> FRAC)
/** `safe_div`: zero when dividing by zero. */
const div = (a: bigint, b: bigint): bigint => (b === 0n ? 0n : sat((a << FRAC) / b))

/**
 * `upgraded_difficulty` / `upgraded_burn`: current × (registrations + target) / (2 × target),
 * smoothed by AdjustmentAlpha / u64::MAX toward the current value, clamped to [min, max].
 */
export function upgradedValue(current: bigint, registrations: number, target: number, adjustmentAlpha: bigint, min: bigint, max: bigint): bigint {
  const regPlusTarget = BigInt(Math.min(registrations + target, 0xffff))
  const twoTarget = BigInt(Math.min(target + target, 0xffff))
  const updated = div(mul(fromInt(current), fromInt(regPlusTarget)), fromInt(twoTarget))
  const alpha = div(fromInt(adjustmentAlpha), fromInt(U64_MAX))
  const oneMinusAlpha = ONE > alpha ? ONE - alpha : 0n
  const next = sat(mul(alpha, fromInt(current)) + mul(oneMinusAlpha, updated))
  if (next >= fromInt(max)) return max
  if (next <= fromInt(min)) return min
  return next >> FRAC
}

interface Env { depositEvent(ev: Uint8Array): void }

function setDifficulty(s: Store, env: Env, netuid: number, v: bigint): void {
  S.Difficulty.set(s, netuid, v)
  SubtensorEvents.DifficultySet.emit(env, [netuid, v])
}

/** Every subnet, each block: re-target at the interval's end, then reset RegistrationsThisBlock. */
export function adjustRegistrationTermsForNetworks(s: Store, env: Env, networks: readonly number[] = [...S.NetworksAdded.iterKeys(s)]): void {
  const now = currentBlock(s)
  for (const netuid of networks) {
    const last = S.LastAdjustmentBlock.get(s, netuid)
    const interval = BigInt(S.AdjustmentInterval.get(s, netuid))
    if ((now > last ? now - last : 0n) >= interval) {
      const burn = S.Burn.get(s, netuid)
      const difficulty = S.Difficulty.get(s, netuid)
      const regs = S.RegistrationsThisInterval.get(s, netuid)
      const pow = S.POWRegistrationsThisInterval.get(s, netuid)
      const burned = S.BurnRegistrationsThisInterval.get(s, netuid)
      const target = S.TargetRegistrationsPerInterval.get(s, netuid)
      const alpha = S.AdjustmentAlpha.get(s, netuid)
      const newBurn = (): bigint => upgradedValue(burn, regs, target, alpha, S.MinBurn.get(s, netuid), S.MaxBurn.get(s, netuid))
      const newDifficulty = (): bigint => upgradedValue(difficulty, regs, target, alpha, S.MinDifficulty.get(s, netuid), S.MaxDifficulty.get(s, netuid))
      // Above target the more used path gets dearer; at or below it the less used one gets cheaper.
      const [first, second] = regs > target ? ['difficulty', 'burn'] as const : ['burn', 'difficulty'] as const
      const adjust = (which: 'difficulty' | 'burn'): void => {
        if (which === 'difficulty') setDifficulty(s, env, netuid, newDifficulty())
        else S.Burn.set(s, netuid, newBurn())
      }
      if (pow > burned) adjust(first)
      else if (pow < burned) adjust(second)
      else { S.Burn.set(s, netuid, newBurn()); setDifficulty(s, env, netuid, newDifficulty()) }
      S.LastAdjustmentBlock.set(s, netuid, now)
      S.RegistrationsThisInterval.set(s, netuid, 0)
      S.POWRegistrationsThisInterval.set(s, netuid, 0)
      S.BurnRegistrationsThisInterval.set(s, netuid, 0)
    }
    insertIfChanged(s, S.RegistrationsThisBlock, netuid, 0)
  }
}
