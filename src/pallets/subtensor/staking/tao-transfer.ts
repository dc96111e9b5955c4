// coinbase/tao.rs's transfers between coldkeys and a subnet's account (the pool's TAO is held
// as the free balance of `modlsubtensr‖netuid`), plus the flow and recycle counters of
// subnet_emissions.rs and utils/misc.rs that every stake path updates.
import type { Store } from '../../../frame/declare/storage.js'
import { reducibleBalance, totalIssuance, transferWith } from '../../balances/index.js'
import type { EventSink } from '../../system/accounts.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { subnetAccountId } from '../subnets/network.js'

const I64_MIN = -(1n << 63n)
const I64_MAX = (1n << 63n) - 1n
const clampI64 = (v: bigint): bigint => (v < I64_MIN ? I64_MIN : v > I64_MAX ? I64_MAX : v)
const U64_MAX = (1n << 64n) - 1n

/** PalletId(*b"burntnsr").into_account_truncating(): where `burn_tao` sends TAO. */
export const BURN_ACCOUNT: Uint8Array = (() => {
  const out = new Uint8Array(32)
  out.set(new TextEncoder().encode('modlburntnsr'))
  return out
})()

/**
 * `get_subnet_account_id`: the account exists while the subnet has a NetworksAdded entry (even a
 * `false` one: the chain checks contains_key) — and always for root.
 */
function subnetAccount(s: Store, netuid: number): Uint8Array {
  if (!S.NetworksAdded.contains(s, netuid) && netuid !== 0) throw E.SubnetNotExists()
  return subnetAccountId(netuid)
}

/** `get_coldkey_balance`: reducible balance, Expendable (the ED included). */
export const getColdkeyBalance = (s: Store, who: Uint8Array): bigint => reducibleBalance(s, who, 'Expendable', 'Polite')

/** `can_remove_balance_from_coldkey_account`. */
export const canRemoveBalanceFromColdkeyAccount = (s: Store, who: Uint8Array, amount: bigint): boolean =>
  amount <= getColdkeyBalance(s, who)

/**
 * `transfer_tao`: at most the full balance (Expendable); dust lost by a reaped sender also leaves
 * SubtensorModule's TotalIssuance (`transfer_allow_death_update_ti`).
 */
export function transferTao(s: Store, sink: EventSink, from: Uint8Array, to: Uint8Array, amount: bigint): void {
  if (amount > getColdkeyBalance(s, from)) throw E.InsufficientBalance()
  const before = totalIssuance(s)
  transferWith(s, sink, from, to, amount, 'Expendable')
  const after = totalIssuance(s)
  if (after < before) S.TotalIssuance.mutate(s, (t) => (t > before - after ? t - (before - after) : 0n))
}

/** `transfer_tao_to_subnet`: what the coldkey can pay while staying alive; returns what moved. */
export function transferTaoToSubnet(s: Store, sink: EventSink, netuid: number, coldkey: Uint8Array, amount: bigint): bigint {
  if (amount === 0n) return 0n
  const account = subnetAccount(s, netuid)
  const keep = reducibleBalance(s, coldkey, 'Preserve', 'Polite')
  const paid = amount < keep ? amount : keep
  if (paid === 0n) throw E.InsufficientBalance()
  transferWith(s, sink, coldkey, account, paid, 'Preserve')
  return paid
}

/** `transfer_tao_from_subnet`. */
export function transferTaoFromSubnet(s: Store, sink: EventSink, netuid: number, coldkey: Uint8Array, amount: bigint): void {
  transferTao(s, sink, subnetAccount(s, netuid), coldkey, amount)
}

/** `burn_tao`: to the burn account (issuance unchanged). */
export function burnTao(s: Store, sink: EventSink, from: Uint8Array, amount: bigint): void {
  transferTao(s, sink, from, BURN_ACCOUNT, amount)
}

export function recordTaoInflow(s: Store, netuid: number, tao: bigint): void {
  S.SubnetTaoFlow.mutate(s, netuid, (f) => clampI64(f + clampI64(tao)))
}
export function recordTaoOutflow(s: Store, netuid: number, tao: bigint): void {
  S.SubnetTaoFlow.mutate(s, netuid, (f) => clampI64(f - clampI64(tao)))
}

/** `increase_rao_recycled` (through `set_rao_recycled`, which emits the event). */
export function increaseRaoRecycled(s: Store, sink: { depositEvent(ev: Uint8Array): void }, netuid: number, amount: bigint): void {
  const next = S.RAORecycledForRegistration.get(s, netuid) + amount
  const v = next > U64_MAX ? U64_MAX : next
  S.RAORecycledForRegistration.set(s, netuid, v)
  sink.depositEvent(SubtensorEvents.RAORecycledForRegistrationSet.encode([netuid, v]))
}
