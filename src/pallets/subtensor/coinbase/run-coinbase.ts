// coinbase/run_coinbase.rs: where the block's minted credit goes — terms per eligible subnet,
// injection into the pools, then the alpha_out split into the pending accumulators.
import * as F from '../../../primitives/fixed/index.js'
import { safeDiv, safeDivOr } from '../../../primitives/safe-math/index.js'
import type { Store } from '../../../frame/declare/storage.js'
import { DispatchFailure } from '../../../frame/primitives.js'
import { swapInterface, type PoolReserves } from '../../../primitives/swap-interface/index.js'
import { accountKey, depositIntoLiveAccount, resolveCredit, resolveCreditTwice, type AccountKey } from '../../balances/index.js'
import type { EventSink } from '../../system/accounts.js'
import { HeldEvents } from '../../system/held-events.js'
import { poolSwap } from '../staking/pool-swap.js'
import { currentAlphaPriceBits, subnetAccountId } from '../subnets/network.js'
import { insertIfChanged } from '../utils/store-changed.js'
import { SubtensorStorage as S } from '../storage.js'
import { bitsOf } from '../types.js'
import { emissionForIssuanceFast, getBlockEmissionForIssuance } from './block-emission.js'
import { alphaIssuance, blockEmissionsInOrder, movingAlphaPriceOf, rootProportionOf, rootTaoWeight, subnetsToEmitTo } from './subnet-emissions.js'
import { recycleCredit } from './tao.js'

const W = F.U96F32
/** 1 as U64F64: the root-sell flag's threshold for the EMA prices' sum. */
const ONE_U64F64 = F.fromInt(F.U64F64, 1)
const floorU64 = (bits: bigint): bigint => F.saturatingToU64(W, bits)
const addU64 = (a: bigint, b: bigint): bigint => (a + b > F.U64_MAX ? F.U64_MAX : a + b)

export interface SubnetTerms { taoIn: bigint; alphaIn: bigint; alphaOut: bigint; excessTao: bigint }

/**
 * What the coinbase reads of an eligible subnet, read once (SubnetMechanism, the EMA price,
 * FirstEmissionBlockNumber) or kept in step with what it writes (the alpha reserves and outstanding
 * alpha): a value here always equals storage while the coinbase runs.
 */
export interface CoinbasePool {
  mechanism: number; movingPrice: bigint; firstEmission: bigint
  /** SubnetAlphaIn, SubnetAlphaOut, SubnetTAO as the coinbase has left them. */
  alphaIn: bigint; alphaOut: bigint; tao: bigint
  /**
   * The pool as stored (SubnetAlphaIn is `alpha`): what the Swap pallet is handed instead of
   * reading the reserves again, and where it keeps its balancer weight for the block.
   */
  stored: PoolReserves & { alphaOut: bigint }
}

const issuanceOf = (p: CoinbasePool): bigint => (p.alphaIn + p.alphaOut > F.U64_MAX ? F.U64_MAX : p.alphaIn + p.alphaOut)

/**
 * The coinbase's view of `subnets` (eligible: non-root, FirstEmissionBlockNumber set), in their
 * order. `firstEmission`: their FirstEmissionBlockNumber in the same order, when read already.
 */
function readPools(s: Store, subnets: readonly number[], firstEmission?: readonly bigint[]): CoinbasePool[] {
  const out = new Array<CoinbasePool>(subnets.length)
  for (let i = 0; i < subnets.length; i++) {
    const n = subnets[i]!
    const mechanism = S.SubnetMechanism.get(s, n)
    const stored = { mechanism, alpha: S.SubnetAlphaIn.get(s, n), alphaOut: S.SubnetAlphaOut.get(s, n), tao: S.SubnetTAO.get(s, n) }
    out[i] = {
      mechanism,
      movingPrice: movingAlphaPriceOf(mechanism, S.SubnetMovingPrice.getPart(s, n, bitsOf)),
      firstEmission: (firstEmission !== undefined ? firstEmission[i] : S.FirstEmissionBlockNumber.get(s, n)) ?? 0n,
      alphaIn: stored.alpha, alphaOut: stored.alphaOut, tao: stored.tao,
      stored,
    }
  }
  return out
}

/** Store the pool's reserves the coinbase has moved (the alpha outstanding too when `alphaOut`). */
function storeReserves(s: Store, n: number, p: CoinbasePool, alphaOut: boolean): void {
  const st = p.stored
  if (p.alphaIn !== st.alpha) S.SubnetAlphaIn.set(s, n, (st.alpha = p.alphaIn))
  if (p.tao !== st.tao) S.SubnetTAO.set(s, n, (st.tao = p.tao))
  if (alphaOut && p.alphaOut !== st.alphaOut) S.SubnetAlphaOut.set(s, n, (st.alphaOut = p.alphaOut))
}

/** `get_subnet_terms` for one subnet at `issuance` and spot `priceU64F64` (exported for its test). */
export function termsOf(taoEmission: bigint, issuance: bigint, alphaEmission: bigint, priceU64F64: bigint, tw: bigint): SubnetTerms {
  const alphaOut = F.saturatingFromInt(W, alphaEmission)
  const price = F.saturatingFromFixed(W, F.U64F64, priceU64F64)
  if (tw === 0n) return uncappedTerms(taoEmission, alphaOut, price)
  let taoIn = taoEmission
  let alphaIn = safeDivOr(W, taoEmission, price, 0n)
  const cap = F.saturatingMul(W, rootProportionOf(tw, issuance), alphaOut)
  if (alphaIn > cap) {
    alphaIn = cap
    taoIn = F.saturatingMul(W, alphaIn, price)
  }
  return { taoIn, alphaIn, alphaOut, excessTao: F.saturatingSub(W, taoEmission, taoIn) }
}

/**
 * termsOf without root TAO weight: root_prop is 0, so the cap is 0 and only whether the spot-price
 * alpha_in is positive matters (checked_div's quotient (tao·2^32)/price ≥ 1 and within U96F32,
 * compared instead of divided): then nothing is injected and all TAO is excess, else alpha_in
 * stays 0 and all TAO goes in. (The dev chain's case: root holds no TAO.)
 */
function uncappedTerms(taoEmission: bigint, alphaOut: bigint, price: bigint): SubnetTerms {
  const scaled = taoEmission << 32n
  const positive = price !== 0n && scaled >= price && scaled < price << 128n
  return positive
    ? { taoIn: 0n, alphaIn: 0n, alphaOut, excessTao: F.saturatingSub(W, taoEmission, 0n) }
    : { taoIn: taoEmission, alphaIn: 0n, alphaOut, excessTao: 0n }
}

/**
 * `get_subnet_terms` (U96F32 bits), every subnet before any injection: alpha_out from the
 * subnet's own halving curve, alpha_in at the spot price capped by root_prop × alpha_out (TAO
 * that cannot be injected becomes excess TAO).
 */
export function subnetTerms(s: Store, emissions: Map<number, bigint>, tw: bigint = rootTaoWeight(s)): Map<number, SubnetTerms> {
  const out = new Map<number, SubnetTerms>()
  for (const [n, taoEmission] of emissions) {
    const issuance = alphaIssuance(s, n)
    out.set(n, termsOf(taoEmission, issuance, getBlockEmissionForIssuance(s, issuance), currentAlphaPriceBits(s, n), tw))
  }
  return out
}

/**
 * subnetTerms on the pools already read, `emissions` in the pools' order. The chain works the
 * subnets out by ascending netuid, each independent of the others but for BlockEmission, which
 * every subnet's halving-curve step stores when it changed: it is read once and written once with
 * the highest netuid's value (what that sequence of writes leaves).
 */
function poolTerms(s: Store, subnets: readonly number[], emissions: readonly bigint[], pools: readonly CoinbasePool[], tw: bigint): SubnetTerms[] {
  const out = new Array<SubnetTerms>(subnets.length)
  const stored = S.BlockEmission.get(s)
  let last = stored
  let lastNetuid = -1
  const swap = swapInterface()
  for (let i = 0; i < subnets.length; i++) {
    const pool = pools[i]!
    const issuance = issuanceOf(pool)
    const alphaEmission = emissionForIssuanceFast(issuance)
    if (subnets[i]! > lastNetuid) { lastNetuid = subnets[i]!; last = alphaEmission }
    out[i] = termsOf(emissions[i]!, issuance, alphaEmission, swap.currentAlphaPrice(s, subnets[i]!, pool.stored), tw)
  }
  if (last !== stored) S.BlockEmission.set(s, last)
  return out
}

const I64_MIN = -(1n << 63n)
const I64_MAX = (1n << 63n) - 1n

/** `record_protocol_inflow`'s step: flow + tao (as i64), saturating. */
function inflow(flow: bigint, tao: bigint): bigint {
  const r = flow + BigInt.asIntN(64, tao)
  return r > I64_MAX ? I64_MAX : r < I64_MIN ? I64_MIN : r
}

/**
 * `spend_tao`: `part` of the credit into `account`; the credit left, or null (credit unchanged) when
 * it cannot be spent. The plain deposit's event is held in `held`; any other path deposits its own
 * events (in layers it may roll back) into `sink`, after the held ones.
 */
function spendTao(s: Store, sink: EventSink, held: HeldEvents, account: AccountKey, credit: bigint, part: bigint): bigint | null {
  if (credit < part) return null
  if (depositIntoLiveAccount(s, held, account, part)) return credit - part
  held.depositInto(sink)
  return resolveCredit(s, sink, account.who, part) ? credit - part : null
}

/**
 * `inject_and_maybe_swap`, eligible subnets in order: re-weight the balancer for the TAO and alpha
 * about to join (the reserves keep the price); buy alpha with the excess TAO on the old reserves
 * (no fee) as protocol-owned alpha; mint alpha_in into SubnetAlphaIn; pay tao_in into SubnetTAO.
 * Every TAO injected or swapped is credited to the subnet account. Returns the credit not spent.
 */
export function injectAndMaybeSwap(s: Store, sink: EventSink, subnets: readonly number[], terms: Map<number, SubnetTerms>, credit: bigint): bigint {
  const added = subnets.filter((n) => n === 0 || S.NetworksAdded.contains(s, n))
  const pools = readPools(s, added)
  const left = inject(s, sink, added, added.map((n) => terms.get(n)), credit, pools)
  for (let i = 0; i < added.length; i++) storeReserves(s, added[i]!, pools[i]!, true)
  return left
}

const U128_MAX = (1n << 128n) - 1n
/** Each subnet's account with its System.Account key, by netuid: paid into every block. */
const subnetAccounts: AccountKey[] = []
/** `paid_*_reserve_delta_i64().unsigned_abs()`: the amount clamped to i64. */
const reserveDelta = (v: bigint): bigint => (v > I64_MAX ? I64_MAX : v)

/**
 * injectAndMaybeSwap over added subnets on their coinbase view. Each subnet's reserves are
 * stored when its injection is done (the Swap pallet reads them from storage, and only for the
 * subnet it swaps on); its alpha outstanding is left for emitAlphaOut to store, and TotalStake,
 * which every injection moves, is stored once at the end.
 */
function inject(s: Store, sink: EventSink, subnets: readonly number[], terms: readonly (SubnetTerms | undefined)[], credit: bigint, pools: readonly CoinbasePool[]): bigint {
  const swap = swapInterface()
  const maxPrice = swap.maxPrice()
  let remaining = credit
  const totalStakeBefore = S.TotalStake.get(s)
  let totalStake = totalStakeBefore
  // The subnet accounts' Deposit events, held and deposited as one run at the end (the event count
  // read and written once, not per event): nothing else in the loop deposits an event or reads them.
  const held = new HeldEvents()
  for (let i = 0; i < subnets.length; i++) {
    const n = subnets[i]!
    const pool = pools[i]!
    const account = (subnetAccounts[n] ??= accountKey(subnetAccountId(n)))
    const t = terms[i]
    const excess = t ? floorU64(t.excessTao) : 0n
    const [tao, alpha] = swap.adjustProtocolLiquidity(s, n, t ? floorU64(t.taoIn) : 0n, t ? floorU64(t.alphaIn) : 0n, pool.stored)
    // SubnetExcessTao, SubnetTaoInEmission and SubnetProtocolFlow are reset or moved twice here and
    // read by nothing in between (the swap and the balances do not): each is written once, last.
    let excessTao = 0n
    let taoInEmission = 0n
    let flow: bigint | null = null
    // The excess TAO and the injected TAO both go to the subnet account, and nothing in between
    // reads or writes it or deposits an event (the buy moves the pool, not balances): when the
    // credit covers both, they are resolved together, the account read and stored once.
    let excessPaid = false
    let taoPaid = false
    if (excess > 0n && tao !== 0n && remaining >= excess + tao && resolveCreditTwice(s, held, account, excess, tao)) {
      remaining -= excess + tao
      excessPaid = taoPaid = true
    }
    if (excess > 0n && !excessPaid) {
      const left = spendTao(s, sink, held, account, remaining, excess)
      if (left !== null) {
        remaining = left
        excessPaid = true
      }
    }
    if (excessPaid) {
      try {
        // swap_tao_for_alpha (no fee, no limit): the pool swap, then its bookkeeping on the view
        const r = poolSwap(s, n, { kind: 'GetAlphaForTao', amount: excess }, maxPrice, true, pool.mechanism, pool.stored)
        const alphaDecrease = reserveDelta(r.amountPaidOut)
        if (alphaDecrease !== 0n) pool.alphaIn = pool.alphaIn > alphaDecrease ? pool.alphaIn - alphaDecrease : 0n
        pool.alphaOut = addU64(pool.alphaOut, r.amountPaidOut)
        pool.tao = addU64(pool.tao, reserveDelta(r.amountPaidIn))
        totalStake = addU64(totalStake, excess)
        // (get then set, as mutate does, without a closure per subnet)
        const volume = S.SubnetVolume.get(s, n) + excess
        S.SubnetVolume.set(s, n, volume > U128_MAX ? U128_MAX : volume)
        S.SubnetProtocolAlpha.set(s, n, addU64(S.SubnetProtocolAlpha.get(s, n), r.amountPaidOut))
        excessTao = r.amountPaidIn
        flow = inflow(S.SubnetProtocolFlow.get(s, n), r.amountPaidIn)
      } catch (e) {
        // A failed buy leaves its TAO on the subnet account, outside the pool.
        if (!(e instanceof DispatchFailure)) throw e
      }
    }
    insertIfChanged(s, S.SubnetAlphaInEmission, n, alpha)
    pool.alphaIn = addU64(pool.alphaIn, alpha)
    if (tao !== 0n && !taoPaid) {
      const left = spendTao(s, sink, held, account, remaining, tao)
      if (left !== null) {
        remaining = left
        taoPaid = true
      }
    }
    if (taoPaid) {
      taoInEmission = tao
      pool.tao = addU64(pool.tao, tao)
      totalStake = addU64(totalStake, tao)
      flow = inflow(flow ?? S.SubnetProtocolFlow.get(s, n), tao)
    }
    storeReserves(s, n, pool, false)
    insertIfChanged(s, S.SubnetExcessTao, n, excessTao)
    insertIfChanged(s, S.SubnetTaoInEmission, n, taoInEmission)
    if (flow !== null) S.SubnetProtocolFlow.set(s, n, flow)
  }
  held.depositInto(sink)
  if (totalStake !== totalStakeBefore) S.TotalStake.set(s, totalStake)
  return remaining
}

/**
 * `emit_to_subnets` after the injection: mint alpha_out into SubnetAlphaOut, take the owner cut,
 * then half to miners and the rest to validators less the root share, each floored into its
 * pending accumulator. The root share is kept for root only when the EMA prices sum above 1,
 * else recycled.
 */
export function emitAlphaOut(s: Store, subnets: readonly number[], terms: Map<number, SubnetTerms>, rootSell: boolean, tw: bigint): void {
  emitAlphaOutOn(s, subnets, subnets.map((n) => terms.get(n)), rootSell, tw, readPools(s, subnets))
}

/**
 * emitAlphaOut on the coinbase's view of the subnets' pools (each stored when its split is done).
 * Halving a non-negative U96F32 (× 0.5, floored) is a right shift by one.
 */
function emitAlphaOutOn(s: Store, subnets: readonly number[], terms: readonly (SubnetTerms | undefined)[], rootSell: boolean, tw: bigint, pools: readonly CoinbasePool[]): void {
  const cutPercent = safeDiv(W, F.fromInt(W, S.SubnetOwnerCut.get(s)), F.fromInt(W, 0xffff))
  for (let i = 0; i < subnets.length; i++) {
    const n = subnets[i]!
    const pool = pools[i]!
    let alphaOut = terms[i]?.alphaOut ?? 0n
    const created = floorU64(alphaOut)
    insertIfChanged(s, S.SubnetAlphaOutEmission, n, created)
    pool.alphaOut = addU64(pool.alphaOut, created)
    if (S.OwnerCutEnabled.get(s, n)) {
      const cut = F.saturatingMul(W, alphaOut, cutPercent)
      alphaOut = F.saturatingSub(W, alphaOut, cut)
      S.PendingOwnerCut.set(s, n, addU64(S.PendingOwnerCut.get(s, n), floorU64(cut)))
    }
    const rootAlpha = F.saturatingMul(W, rootProportionOf(tw, issuanceOf(pool)), alphaOut) >> 1n
    const server = alphaOut >> 1n
    const validator = F.saturatingSub(W, F.saturatingSub(W, alphaOut, server), rootAlpha)
    // (each accumulator read then written, as mutate does, without a closure per subnet)
    S.PendingServerEmission.set(s, n, addU64(S.PendingServerEmission.get(s, n), floorU64(server)))
    S.PendingValidatorEmission.set(s, n, addU64(S.PendingValidatorEmission.get(s, n), floorU64(validator)))
    const root = floorU64(rootAlpha)
    if (rootSell) S.PendingRootAlphaDivs.set(s, n, addU64(S.PendingRootAlphaDivs.get(s, n), root))
    else if (root !== 0n) pool.alphaOut = pool.alphaOut > root ? pool.alphaOut - root : 0n
    storeReserves(s, n, pool, true)
  }
}

/** What `runCoinbaseForBlockStep` leaves for the block step's moving prices: `pools` in `eligible`'s order. */
export interface CoinbaseOutcome { eligible: number[]; pools: CoinbasePool[] }

/**
 * `run_coinbase` up to the epochs: reset the root-sell counters, share the credit by EMA price,
 * inject, split alpha_out into the pending accumulators, recycle the credit left unspent (flooring
 * dust, a refused adjustment, disabled emission: TotalIssuance back down, so recycled TAO delays
 * the halvings). drain_pending and the epochs are drainAndDistribute's. Returns the eligible
 * subnets (block_step reuses them: nothing in between changes what makes a subnet eligible).
 * `networks`: NetworksAdded's keys, when the caller has listed them this block.
 */
export function runCoinbase(s: Store, sink: EventSink, credit: bigint, networks: readonly number[] = [...S.NetworksAdded.iterKeys(s)]): number[] {
  return runCoinbaseForBlockStep(s, sink, credit, networks).eligible
}

/**
 * runCoinbase, also handing out the eligible subnets' coinbase view (see CoinbasePool). Every
 * per-subnet list here is in `eligible`'s order.
 */
export function runCoinbaseForBlockStep(s: Store, sink: EventSink, credit: bigint, networks: readonly number[] = [...S.NetworksAdded.iterKeys(s)]): CoinbaseOutcome {
  S.SubnetRootSellTao.clear(s)
  // Eligible subnets come from NetworksAdded's keys: every one is added.
  const firstEmission: bigint[] = []
  const eligible = subnetsToEmitTo(s, networks, firstEmission)
  const pools = readPools(s, eligible, firstEmission)
  if (eligible.length === 0) {
    recycleCredit(s, credit)
    return { eligible, pools }
  }
  // The EMA prices and root's weight are read once: nothing below changes them.
  const emaPrices = pools.map((p) => p.movingPrice)
  const emissions = blockEmissionsInOrder(s, eligible, credit, emaPrices)
  let priceSum = 0n
  for (const p of emaPrices) priceSum += p
  const rootSell = priceSum > ONE_U64F64
  const tw = rootTaoWeight(s)
  const terms = poolTerms(s, eligible, emissions, pools, tw)
  const left = inject(s, sink, eligible, terms, credit, pools)
  emitAlphaOutOn(s, eligible, terms, rootSell, tw, pools)
  recycleCredit(s, left)
  return { eligible, pools }
}
