// subnets/subnet.rs (HEAD): `do_register_network` — a coldkey locks TAO into a new subnet's pool
// and its hotkey becomes uid 0 — and `do_start_call`; with the lock price of coinbase/root.rs and
// the median alpha price of staking/stake_utils.rs.
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { badOrigin } from '../../../frame/primitives.js'
import { swapInterface } from '../../../primitives/swap-interface/index.js'
import { reducibleBalance, transferWith } from '../../balances/index.js'
import { ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import type { SubnetIdentityV3Value } from '../types.js'
import { isValidSubnetIdentity } from '../utils/identity.js'
import { currentBlock, ifSubnetExist } from '../utils/misc.js'
import { createAccountIfNonExistent } from './registration.js'
import { subtensorBuild } from '../build.js'
import { defaultTempo, initNewNetwork, initNewNetworkClassic, nextNetuid } from './subnet.js'
import { doDissolveNetwork, getNetworkToPrune } from './dissolve.js'
import { symbolForSubnet, SYMBOLS } from './symbols.js'
import { appendNeuron, equal } from './uids.js'
import { doSetRootValidatorsForSubnet } from '../staking/delegation.js'

const MODL = new TextEncoder().encode('modlsubtensr')
const NETWORK_LAST_REGISTERED = { type: 'NetworkLastRegistered' as const }

/** `get_subnet_account_id`: PalletId("subtensr").into_sub_account_truncating(netuid). */
export function subnetAccountId(netuid: number): Uint8Array {
  const out = new Uint8Array(32)
  out.set(MODL)
  out[12] = netuid & 0xff
  out[13] = netuid >> 8
  return out
}
/** `is_subnet_account_id`: the account decodes as (b"modl", "subtensr", netuid). */
export const isSubnetAccountId = (who: Uint8Array): boolean => MODL.every((b, i) => who[i] === b)

export const networkLastLockBlock = (s: Store): bigint => S.LastRateLimitedBlock.get(s, NETWORK_LAST_REGISTERED)

/** `get_network_lock_cost`: twice the last lock, minus its linear decay over NetworkLockReductionInterval, at least the minimum. */
export function networkLockCost(s: Store): bigint {
  const last = S.NetworkLastLockCost.get(s)
  const min = S.NetworkMinLockCost.get(s)
  const lastBlock = networkLastLockBlock(s)
  const now = currentBlock(s)
  const interval = S.NetworkLockReductionInterval.get(s)
  const mult = lastBlock === 0n ? 1n : 2n
  const perBlock = interval === 0n ? 0n : last / interval
  const decay = perBlock * (now > lastBlock ? now - lastBlock : 0n)
  const doubled = last * mult
  const cost = doubled > decay ? doubled - decay : 0n
  return cost < min ? min : cost
}

/** `T::SwapInterface::current_alpha_price` (U64F64 bits): the pool's balancer price, 1 on stable subnets. */
export function currentAlphaPriceBits(s: Store, netuid: number): bigint {
  return swapInterface().currentAlphaPrice(s, netuid)
}

/** `get_median_subnet_alpha_price` (U64F64 bits): 1 when no subnet has a price. */
export function medianSubnetAlphaPriceBits(s: Store): bigint {
  const prices: bigint[] = []
  for (const [netuid, added] of S.NetworksAdded.iter(s)) {
    if (!added || netuid === 0) continue
    const p = currentAlphaPriceBits(s, netuid)
    if (p > 0n) prices.push(p)
  }
  if (prices.length === 0) return 1n << 64n
  prices.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const lower = prices[(prices.length - 1) >> 1]!
  const upper = prices[prices.length >> 1]!
  return lower === upper && ((prices.length - 1) >> 1) === (prices.length >> 1) ? upper : (lower + upper) / 2n
}

/** `get_next_available_symbol`: the netuid's own symbol, else the first unused one, else the default. */
function nextAvailableSymbol(s: Store, netuid: number): Uint8Array {
  const used = new Set([...S.TokenSymbol.iter(s)].map(([, v]) => Buffer.from(v).toString('hex')))
  const own = symbolForSubnet(netuid)
  if (!used.has(Buffer.from(own).toString('hex'))) return own
  // the root symbol (index 0) is never handed out
  return (SYMBOLS.slice(1).find((x) => !used.has(Buffer.from(x).toString('hex'))) ?? symbolForSubnet(0xffff)).slice()
}

/** `do_register_network` (mechanism 1). */
export function doRegisterNetwork(ctx: CallCtx, hotkey: Uint8Array, identity: SubnetIdentityV3Value | null): void {
  const { s } = ctx
  const coldkey = ensureSigned(ctx)
  if (S.Owner.contains(s, hotkey) && !equal(S.Owner.get(s, hotkey), coldkey)) throw E.NonAssociatedColdKey()
  if (isSubnetAccountId(hotkey)) throw E.CannotUseSystemAccount()
  const now = currentBlock(s)
  if (now < S.NetworkRegistrationStartBlock.get(s)) throw E.SubNetRegistrationDisabled()
  const last = networkLastLockBlock(s)
  if (last !== 0n && (now > last ? now - last : 0n) < S.NetworkRateLimit.get(s)) throw E.NetworkTxRateLimitExceeded()
  let count = 0
  for (const [netuid, added] of S.NetworksAdded.iter(s)) if (added && netuid !== 0) count++
  // at SubnetLimit the weakest non-immune subnet is dissolved (after the checks) and its netuid reused
  const prune = count >= S.SubnetLimit.get(s) ? getNetworkToPrune(s) : null
  if (count >= S.SubnetLimit.get(s) && prune === null) throw E.SubnetLimitReached()
  const lock = networkLockCost(s)
  const sink = { depositEvent: (ev: Uint8Array) => ctx.env.depositEvent(ev) }
  if (lock > reducibleBalance(s, coldkey, 'Expendable', 'Polite')) throw E.CannotAffordLockCost()
  if (prune !== null) doDissolveNetwork(ctx, prune)
  const netuid = prune ?? nextNetuid(s)
  const median = medianSubnetAlphaPriceBits(s)
  // the classic regime's subnets start as v3.3.13 made them (PoW bounds and controller settings)
  if (subtensorBuild().registration === 'classic') initNewNetworkClassic(s, netuid, defaultTempo())
  else initNewNetwork(s, netuid, defaultTempo())
  // transfer_tao_to_subnet: what the coldkey can pay while staying alive, to the subnet account
  const paid = lock === 0n ? 0n : (() => {
    const keep = reducibleBalance(s, coldkey, 'Preserve', 'Polite')
    const amount = lock < keep ? lock : keep
    if (amount === 0n) throw E.InsufficientBalance()
    transferWith(s, sink, coldkey, subnetAccountId(netuid), amount, 'Preserve')
    return amount
  })()
  S.NetworkLastLockCost.set(s, paid)
  S.LastRateLimitedBlock.set(s, NETWORK_LAST_REGISTERED, now)
  createAccountIfNonExistent(s, coldkey, hotkey)
  appendNeuron(s, netuid, hotkey, now)
  S.SubnetMechanism.set(s, netuid, 1)
  S.NetworkRegisteredAt.set(s, netuid, now)
  S.RegisteredSubnetCounter.mutate(s, netuid, (c) => c + 1n)
  S.TokenSymbol.set(s, netuid, nextAvailableSymbol(s, netuid))
  const minLock = S.NetworkMinLockCost.get(s)
  const poolTao = paid >= minLock ? paid : minLock
  // floor(U64F64(pool_tao) / median), to u64
  const poolAlpha = median === 0n ? 0n : (poolTao << 64n) / median
  const recycled = paid > poolTao ? paid - poolTao : 0n
  S.SubnetTAO.set(s, netuid, poolTao)
  S.SubnetAlphaIn.set(s, netuid, poolAlpha > (1n << 64n) - 1n ? (1n << 64n) - 1n : poolAlpha)
  S.SubnetOwner.set(s, netuid, coldkey)
  S.SubnetOwnerHotkey.set(s, netuid, hotkey)
  SubtensorEvents.SubnetOwnerHotkeySet.emit(ctx.env, [netuid, hotkey])
  S.SubnetLocked.set(s, netuid, paid)
  S.SubnetAlphaOut.set(s, netuid, 0n)
  S.SubnetVolume.set(s, netuid, 0n)
  S.RAORecycledForRegistration.set(s, netuid, recycled)
  if (poolTao > 0n) S.TotalStake.mutate(s, (t) => t + poolTao)
  if (identity) {
    if (!isValidSubnetIdentity(identity)) throw E.InvalidIdentity()
    S.SubnetIdentitiesV3.set(s, netuid, identity)
    SubtensorEvents.SubnetIdentitySet.emit(ctx.env, netuid)
  }
  // step 18: root validators become parents of the owner hotkey (a failure is only logged)
  try { doSetRootValidatorsForSubnet(ctx, netuid) } catch { /* logged on chain */ }
  SubtensorEvents.NetworkAdded.emit(ctx.env, [netuid, 1])
  S.SubnetEmissionEnabled.set(s, netuid, false)
}

/** `do_start_call`: the owner (or Root) starts emissions once StartCallDelay has passed. */
export function doStartCall(ctx: CallCtx, netuid: number): void {
  const { s } = ctx
  if (!ifSubnetExist(s, netuid)) throw E.SubnetNotExists()
  // `ensure_subnet_owner`: signed by the owner coldkey
  if (ctx.origin.kind !== 'Signed' || !equal(S.SubnetOwner.get(s, netuid), ctx.origin.who)) throw badOrigin()
  if (S.FirstEmissionBlockNumber.get(s, netuid) !== null) throw E.FirstEmissionBlockNumberAlreadySet()
  const now = currentBlock(s)
  if (now < S.NetworkRegisteredAt.get(s, netuid) + S.StartCallDelay.get(s)) throw E.NeedWaitingMoreBlocksToStarCall()
  S.FirstEmissionBlockNumber.set(s, netuid, now + 1n)
  S.SubtokenEnabled.set(s, netuid, true)
  SubtensorEvents.FirstEmissionBlockNumberSet.emit(ctx.env, [netuid, now + 1n])
}

implement('register_network', (ctx, a) => doRegisterNetwork(ctx, a.hotkey, null))
implement('register_network_with_identity', (ctx, a) => doRegisterNetwork(ctx, a.hotkey, a.identity))
implement('start_call', (ctx, a) => doStartCall(ctx, a.netuid))
