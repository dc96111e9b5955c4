// pallet_balances calls (indices as in pallet-balances 42; 1 and 7 were removed upstream).
import { bool, compact, f, vec } from '../../codec/types.js'
import type { CallCtx } from '../../frame/declare/pallet.js'
import { AccountId32, MultiAddress } from '../../frame/primitives.js'
import { ensureRoot, ensureSigned } from '../system/calls.js'
import { lookupAddress, type MultiAddressValue } from '../system/lookup.js'
import { ensureUpgraded, mutateAccountHandlingDust, reducibleBalance, setTotalIssuance, totalIssuance } from './account.js'
import { burnFrom, transferWith, unreserve } from './fungible.js'
import { balances, Balances, BalancesErrors, BalancesEvents, EXISTENTIAL_DEPOSIT } from './pallet.js'
import { AdjustmentDirection, Balance } from './types.js'
import { BalancesWeights as W } from './weights.js'

const U64_MAX = (1n << 64n) - 1n
const dest = f('dest', MultiAddress, 'AccountIdLookupOf<T>')
const value = f('value', compact(Balance), 'T::Balance')

balances.call<{ dest: MultiAddressValue; value: bigint }>(0, 'transfer_allow_death', [dest, value], {
  docs: [' Transfer some liquid free balance to another account.'],
  weight: () => W.transferAllowDeath(),
  handler: (ctx, a) => {
    const source = ensureSigned(ctx)
    transferWith(ctx.s, ctx.env, source, lookupAddress(a.dest), a.value, 'Expendable')
  },
})

balances.call<{ source: MultiAddressValue; dest: MultiAddressValue; value: bigint }>(2, 'force_transfer', [
  f('source', MultiAddress, 'AccountIdLookupOf<T>'), dest, value,
], {
  docs: [' Exactly as `transfer_allow_death`, except the origin must be root and the source account', ' may be specified.'],
  weight: () => W.forceTransfer(),
  handler: (ctx, a) => {
    ensureRoot(ctx)
    transferWith(ctx.s, ctx.env, lookupAddress(a.source), lookupAddress(a.dest), a.value, 'Expendable')
  },
})

balances.call<{ dest: MultiAddressValue; value: bigint }>(3, 'transfer_keep_alive', [dest, value], {
  docs: [' Same as the [`transfer_allow_death`] call, but with a check that the transfer will not', ' kill the origin account.'],
  weight: () => W.transferKeepAlive(),
  handler: (ctx, a) => {
    const source = ensureSigned(ctx)
    transferWith(ctx.s, ctx.env, source, lookupAddress(a.dest), a.value, 'Preserve')
  },
})

balances.call<{ dest: MultiAddressValue; keep_alive: boolean }>(4, 'transfer_all', [dest, f('keep_alive', bool, 'bool')], {
  docs: [' Transfer the entire transferable balance from the caller account.'],
  weight: () => W.transferAll(),
  handler: (ctx, a) => {
    const source = ensureSigned(ctx)
    const preservation = a.keep_alive ? 'Preserve' : 'Expendable'
    const all = reducibleBalance(ctx.s, source, preservation, 'Polite')
    transferWith(ctx.s, ctx.env, source, lookupAddress(a.dest), all, preservation)
  },
})

balances.call<{ who: MultiAddressValue; amount: bigint }>(5, 'force_unreserve', [
  f('who', MultiAddress, 'AccountIdLookupOf<T>'), f('amount', Balance, 'T::Balance'),
], {
  docs: [' Unreserve some balance from a user by force.', '', ' Can only be called by ROOT.'],
  weight: () => W.forceUnreserve(),
  handler: (ctx, a) => {
    ensureRoot(ctx)
    unreserve(ctx.s, ctx.env, lookupAddress(a.who), a.amount)
  },
})

balances.call<{ who: Uint8Array[] }>(6, 'upgrade_accounts', [f('who', vec(AccountId32), 'Vec<T::AccountId>')], {
  docs: [' Upgrade a specified account.'],
  weight: (a) => W.upgradeAccounts(a.who.length),
  handler: (ctx, a) => {
    ensureSigned(ctx)
    if (a.who.length === 0) return { paysFee: 'Yes' }
    let upgraded = 0
    for (const w of a.who) if (ensureUpgraded(ctx.s, ctx.env, w)) upgraded++
    // Perbill::from_rational(upgraded, len) >= 90 %
    return { paysFee: upgraded * 10 >= a.who.length * 9 ? 'No' : 'Yes' }
  },
})

balances.call<{ who: MultiAddressValue; new_free: bigint }>(8, 'force_set_balance', [
  f('who', MultiAddress, 'AccountIdLookupOf<T>'), f('new_free', compact(Balance), 'T::Balance'),
], {
  docs: [' Set the regular balance of a given account.', '', ' The dispatch origin for this call is `root`.'],
  weight: () => maxWeight(W.forceSetBalanceCreating(), W.forceSetBalanceKilling()),
  handler: (ctx, a) => forceSetBalance(ctx, a.who, a.new_free),
})

balances.call<{ direction: { type: 'Increase' | 'Decrease' }; delta: bigint }>(9, 'force_adjust_total_issuance', [
  f('direction', AdjustmentDirection, 'AdjustmentDirection'), f('delta', compact(Balance), 'T::Balance'),
], {
  docs: [' Adjust the total issuance in a saturating way.', '', ' Can only be called by root and always needs a positive `delta`.'],
  weight: () => W.forceAdjustTotalIssuance(),
  handler: (ctx, a) => {
    ensureRoot(ctx)
    if (a.delta === 0n) throw BalancesErrors.DeltaZero()
    const old = totalIssuance(ctx.s)
    const next = a.direction.type === 'Increase'
      ? (old + a.delta > U64_MAX ? U64_MAX : old + a.delta)
      : (old > a.delta ? old - a.delta : 0n)
    if (Balances.InactiveIssuance.get(ctx.s) > next) throw BalancesErrors.IssuanceDeactivated()
    setTotalIssuance(ctx.s, next)
    ctx.env.depositEvent(BalancesEvents.TotalIssuanceForced.encode({ old, new: next }))
  },
})

balances.call<{ value: bigint; keep_alive: boolean }>(10, 'burn', [value, f('keep_alive', bool, 'bool')], {
  docs: [' Burn the specified liquid free balance from the origin account.'],
  // Upstream picks the weights the other way round; kept for identical fees.
  weight: (a) => (a.keep_alive ? W.burnAllowDeath() : W.burnKeepAlive()),
  handler: (ctx, a) => {
    const source = ensureSigned(ctx)
    burnFrom(ctx.s, ctx.env, source, a.value, a.keep_alive ? 'Preserve' : 'Expendable', 'Exact', 'Polite')
  },
})

function forceSetBalance(ctx: CallCtx, whoAddr: MultiAddressValue, requested: bigint): void {
  ensureRoot(ctx)
  const who = lookupAddress(whoAddr)
  const newFree = requested < EXISTENTIAL_DEPOSIT ? 0n : requested
  const oldFree = mutateAccountHandlingDust(ctx.s, ctx.env, who, false, (acc) => {
    const old = acc.free
    acc.free = newFree
    return old
  })
  // The positive/negative imbalance that mutate_account left unbalanced is dropped here.
  const issuance = totalIssuance(ctx.s)
  if (newFree > oldFree) {
    const up = issuance + (newFree - oldFree)
    setTotalIssuance(ctx.s, up > U64_MAX ? U64_MAX : up)
  } else if (newFree < oldFree) {
    const d = oldFree - newFree
    setTotalIssuance(ctx.s, issuance > d ? issuance - d : 0n)
  }
  ctx.env.depositEvent(BalancesEvents.BalanceSet.encode({ who, free: newFree }))
}

const maxWeight = (a: { ref_time: bigint; proof_size: bigint }, b: { ref_time: bigint; proof_size: bigint }) => ({
  ref_time: a.ref_time > b.ref_time ? a.ref_time : b.ref_time,
  proof_size: a.proof_size > b.proof_size ? a.proof_size : b.proof_size,
})
