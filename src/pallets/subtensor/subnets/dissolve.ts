// coinbase/root.rs `do_dissolve_network` / `get_network_to_prune` with staking/remove_stake.rs
// `destroy_alpha_in_out_stakes`, claim_root.rs `finalize_all_subnet_root_dividends` and lock.rs
// `destroy_lock_maps`: a subnet's pool is paid out pro rata to its stakers' coldkeys
// (largest remainder), the rest recycled, and every per-subnet item removed (remove-network.ts).
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { DispatchFailure } from '../../../frame/primitives.js'
import { swapInterface } from '../../../primitives/swap-interface/index.js'
import { reducibleBalance } from '../../balances/index.js'
import { ensureRoot } from '../../system/index.js'
import { movingAlphaPrice } from '../coinbase/subnet-emissions.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents as Ev } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { alphaIterSinglePrefix } from '../staking/helpers.js'
import { alphaSharePool } from '../staking/stake-utils.js'
import { recycleTao, transferTao } from '../swap/common.js'
import { currentBlock, ifSubnetExist } from '../utils/misc.js'
import { subnetAccountId } from './network.js'
import { removeNetwork } from './remove-network.js'

const U64_MAX = (1n << 64n) - 1n
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b)

/** `get_network_to_prune`: the non-immune subnet with the lowest moving price, earliest registered on a tie. */
export function getNetworkToPrune(s: Store): number | null {
  const now = currentBlock(s)
  const immunity = S.NetworkImmunityPeriod.get(s)
  let candidate: number | null = null
  let candidatePrice = (1n << 128n) - 1n // U64F64 from u128::MAX saturates to the type's max
  let candidateAt = U64_MAX
  for (const [netuid, added] of S.NetworksAdded.iter(s)) {
    if (!added || netuid === 0) continue
    const registeredAt = S.NetworkRegisteredAt.get(s, netuid)
    if (now < min(registeredAt + immunity, U64_MAX)) continue
    const price = movingAlphaPrice(s, netuid)
    if (price < candidatePrice || (price === candidatePrice && registeredAt < candidateAt)) {
      candidate = netuid
      candidatePrice = price
      candidateAt = registeredAt
    }
  }
  return candidate
}

/** `finalize_all_subnet_root_dividends`: nothing stays claimable or claimed for the subnet. */
function finalizeAllSubnetRootDividends(s: Store, netuid: number): void {
  for (const hotkey of [...S.RootClaimable.iterKeys(s)]) {
    S.RootClaimable.set(s, hotkey, S.RootClaimable.get(s, hotkey).filter(([n]) => n !== netuid))
  }
  S.RootClaimed.clearPrefix(s, netuid)
}

interface Portion { cold: Uint8Array | null; share: bigint; rem: bigint }

/** `destroy_alpha_in_out_stakes`. */
export function destroyAlphaInOutStakes(ctx: CallCtx, netuid: number): void {
  const { s } = ctx
  if (!ifSubnetExist(s, netuid)) throw E.SubnetNotExists()
  const owner = S.SubnetOwner.get(s, netuid)
  const lockCost = S.SubnetLocked.get(s, netuid)
  const regAt = S.NetworkRegisteredAt.get(s, netuid)
  // subnets registered before NetworkRegistrationStartBlock get their lock back, less what the owner earned
  const refundOwner = regAt < S.NetworkRegistrationStartBlock.get(s)
  let ownerEmissionTao = 0n
  if (refundOwner && lockCost !== 0n) {
    const issued = min(S.SubnetAlphaIn.get(s, netuid) + S.SubnetAlphaOut.get(s, netuid), U64_MAX)
    if (issued > 0n) {
      // U96F32: owner cut / u16::MAX, times the issuance, floored; priced at the spot price
      const fraction = (BigInt(S.SubnetOwnerCut.get(s)) << 32n) / 65_535n
      const ownerAlpha = min((issued * fraction) >> 32n, U64_MAX)
      if (ownerAlpha > 0n) {
        const price32 = swapInterface().currentAlphaPrice(s, netuid) >> 32n
        ownerEmissionTao = min((ownerAlpha * price32) >> 32n, U64_MAX)
      }
    }
  }

  const protocolAlpha = regAt > S.TaoInRefundDeploymentBlock.get(s)
    ? min(S.SubnetAlphaIn.get(s, netuid) + S.SubnetProtocolAlpha.get(s, netuid), U64_MAX)
    : S.SubnetProtocolAlpha.get(s, netuid)
  let totalAlpha = protocolAlpha
  const keysToRemove: [Uint8Array, Uint8Array][] = []
  const stakers: [Uint8Array, bigint][] = []
  const hotkeys = [...S.TotalHotkeyAlpha.iter(s)].filter(([, n]) => n === netuid).map(([h]) => h)
  for (const hot of hotkeys) {
    for (const [cold, n, share] of alphaIterSinglePrefix(s, hot)) {
      if (n !== netuid) continue
      keysToRemove.push([hot, cold])
      const actual = alphaSharePool(s, hot, netuid).tryGetValue(cold) ?? 0n
      // an uninitialised pool: the raw share counts as the value
      const value = actual === 0n ? share.toU64() : actual
      if (value > 0n) {
        totalAlpha += value
        stakers.push([cold, value])
      }
    }
  }

  const pot = S.SubnetTAO.get(s, netuid)
  if (pot > 0n) {
    S.SubnetTAO.remove(s, netuid)
    S.TotalStake.mutate(s, (t) => (t > pot ? t - pot : 0n))
  }
  let protocolTaoShare = 0n
  if (pot > 0n && totalAlpha > 0n) {
    const portions: Portion[] = []
    let distributed = 0n
    const portion = (cold: Uint8Array | null, value: bigint): void => {
      const prod = pot * value
      const share = min(prod / totalAlpha, U64_MAX)
      distributed += share
      portions.push({ cold, share, rem: prod % totalAlpha })
    }
    for (const [cold, value] of stakers) portion(cold, value)
    if (protocolAlpha > 0n) portion(null, protocolAlpha)
    const leftover = pot > distributed ? pot - distributed : 0n
    if (leftover > 0n) {
      // stable sort by remainder, largest first: the first `leftover` get one more RAO
      const order = portions.map((p, i) => [p, i] as const).sort((a, b) => (a[0].rem === b[0].rem ? a[1] - b[1] : a[0].rem > b[0].rem ? -1 : 1))
      for (const [p] of order.slice(0, Number(min(leftover, BigInt(portions.length))))) p.share += 1n
    }
    for (const p of portions) {
      if (p.cold === null) protocolTaoShare += p.share
      else if (p.share > 0n) bestEffort(ctx, () => transferTao(ctx, subnetAccountId(netuid), p.cold!, p.share))
    }
  }

  for (const [hot, cold] of keysToRemove) {
    S.Alpha.remove(s, hot, cold, netuid)
    S.AlphaV2.remove(s, hot, cold, netuid)
  }
  for (const hot of hotkeys) {
    S.TotalHotkeyAlpha.remove(s, hot, netuid)
    S.TotalHotkeyShares.remove(s, hot, netuid)
    S.TotalHotkeySharesV2.remove(s, hot, netuid)
  }
  S.SubnetAlphaIn.remove(s, netuid)
  S.SubnetAlphaOut.remove(s, netuid)
  S.SubnetProtocolAlpha.remove(s, netuid)
  S.SubnetLocked.set(s, netuid, 0n)

  const account = subnetAccountId(netuid)
  const refund = refundOwner && lockCost > ownerEmissionTao ? lockCost - ownerEmissionTao : 0n
  if (refund !== 0n) {
    const balance = reducibleBalance(s, account, 'Expendable', 'Polite')
    const transferrable = balance > protocolTaoShare ? balance - protocolTaoShare : 0n
    bestEffort(ctx, () => transferTao(ctx, account, owner, min(refund, transferrable)))
  }
  const remaining = reducibleBalance(s, account, 'Preserve', 'Polite')
  if (bestEffort(ctx, () => recycleTao(ctx, account, remaining))) S.RAORecycledForRegistration.set(s, netuid, remaining)
  destroyLockMaps(s, netuid)
}

/** The chain ignores these results (`let _ =`): a failure leaves no writes and the dissolve goes on. */
function bestEffort(ctx: CallCtx, fn: () => void): boolean {
  try {
    ctx.s.transactional(fn)
    return true
  } catch (e) {
    if (e instanceof DispatchFailure) return false
    throw e
  }
}

/** `destroy_lock_maps`. */
export function destroyLockMaps(s: Store, netuid: number): void {
  for (const [[, hot, cold]] of [...S.LockingColdkeys.iterPrefix(s, netuid)]) S.Lock.remove(s, cold, netuid, hot)
  S.LockingColdkeys.clearPrefix(s, netuid)
  S.HotkeyLock.clearPrefix(s, netuid)
  S.DecayingHotkeyLock.clearPrefix(s, netuid)
  S.OwnerLock.remove(s, netuid)
  S.DecayingOwnerLock.remove(s, netuid)
  for (const [cold, n] of [...S.DecayingLock.iter(s)]) if (n === netuid) S.DecayingLock.remove(s, cold, netuid)
}

/** `do_dissolve_network`. */
export function doDissolveNetwork(ctx: CallCtx, netuid: number): void {
  const { s } = ctx
  if (!ifSubnetExist(s, netuid) || netuid === 0) throw E.SubnetNotExists()
  finalizeAllSubnetRootDividends(s, netuid)
  destroyAlphaInOutStakes(ctx, netuid)
  swapInterface().clearProtocolLiquidity(s, netuid)
  // CommitmentsInterface::purge_netuid: the Commitments pallet is not in this runtime
  removeNetwork(ctx, netuid)
  Ev.NetworkRemoved.emit(ctx.env, netuid)
}

implement('dissolve_network', (ctx, a) => { ensureRoot(ctx); doDissolveNetwork(ctx, a.netuid) })
implement('root_dissolve_network', (ctx, a) => { ensureRoot(ctx); doDissolveNetwork(ctx, a.netuid) })

