// A spec-425 SubtensorModule with one dynamic subnet, for the staking tests: calls dispatched the
// way the executive does (own storage layer), and the balancer swap at equal weights written out
// here from its formula (y/(y+dy) at 10^18 accuracy, then U64F64), independent of the Swap pallet.
import { EXISTENTIAL_DEPOSIT, mint } from '../../../src/pallets/balances/index.js'
import { SubtensorStorage as S, subtensorPallet } from '../../../src/pallets/subtensor/index.js'
import { networkLockCost } from '../../../src/pallets/subtensor/subnets/network.js'
import { nextNetuid } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { callValue, newStore, signed, startBlock, type TestEnv } from '../../../src/pallets/test-utils.js'
import type { Overlay } from '../../../src/storage/overlay.js'
import type { DispatchOutcome } from '../../../src/frame/declare/pallet.js'
import type { Store } from '../../../src/frame/declare/storage.js'
import { System } from '../../../src/pallets/system/index.js'

export const TAO = 1_000_000_000n
const ACC = 10n ** 18n
const ONE = 1n << 64n

/** A 32-byte account id with `n` in its first bytes (little-endian). */
export const u256 = (n: number): Uint8Array => { const o = new Uint8Array(32); let v = n; for (let i = 0; v > 0; i++) { o[i] = v & 0xff; v = Math.floor(v / 256) } return o }

export interface Chain { s: Overlay; env: TestEnv; netuid: number; owner: Uint8Array; ownerHot: Uint8Array }

export function fund(c: { s: Overlay; env: TestEnv }, who: Uint8Array, amount: bigint): void {
  mint(c.s, { depositEvent: (e: Uint8Array) => c.env.depositEvent(e) }, who, amount + EXISTENTIAL_DEPOSIT)
}

/** A chain at block 1 with a started dynamic subnet registered through `register_network`. */
export function chainWithSubnet(): Chain {
  const s = newStore()
  subtensorPallet()
  const env = startBlock(s, 1)
  S.NetworkRateLimit.set(s, 0n)
  const owner = u256(1)
  const ownerHot = u256(2)
  const netuid = nextNetuid(s)
  fund({ s, env }, owner, networkLockCost(s))
  const r = env.dispatch(callValue('SubtensorModule', 'register_network', { hotkey: ownerHot }), signed(owner))
  if (!r.ok) throw new Error('register_network failed')
  S.SubtokenEnabled.set(s, netuid, true)
  return { s, env, netuid, owner, ownerHot }
}

/** Σ(free + reserved) over every account: what Balances' TotalIssuance must equal. */
export function accountsTotal(c: { s: Store }): bigint {
  let sum = 0n
  for (const [, info] of System.Account.iter(c.s)) sum += info.data.free + info.data.reserved
  return sum
}

export const call = (c: Chain, who: Uint8Array, name: string, args: Record<string, unknown>): DispatchOutcome =>
  c.env.dispatch(callValue('SubtensorModule', name, args), signed(who))

/** FeeRate/65535 as U64F64, times the amount, floored. */
export const feeOf = (amount: bigint, feeRate: number): bigint => (amount * ((BigInt(feeRate) << 64n) / 0xffffn)) >> 64n

/** Output of paying `dx` into reserve `x` against reserve `y` at equal weights: y·(1 − x/(x+dx)). */
export function balancerOut(x: bigint, y: bigint, dx: bigint): bigint {
  const r = (x * ACC) / (x + dx)
  const e = (r * ONE) / ACC
  return (y * (ONE - e)) >> 64n
}

/** A buy of `amount` TAO: [alpha out, fee, TAO into the reserve]. */
export function expectedBuy(tao: bigint, alpha: bigint, amount: bigint, feeRate: number): { out: bigint; fee: bigint; taoIn: bigint } {
  const fee = feeOf(amount, feeRate)
  const taoIn = amount - fee
  return { out: balancerOut(tao, alpha, taoIn), fee, taoIn }
}

/** A sale of `amount` alpha: [TAO out, fee (alpha), alpha into the reserve]. */
export function expectedSell(tao: bigint, alpha: bigint, amount: bigint, feeRate: number): { out: bigint; fee: bigint; alphaIn: bigint } {
  const fee = feeOf(amount, feeRate)
  const alphaIn = amount - fee
  return { out: balancerOut(alpha, tao, alphaIn), fee, alphaIn }
}
