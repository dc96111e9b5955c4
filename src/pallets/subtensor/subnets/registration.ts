// subnets/registration.rs: a hotkey gets a uid — by proof of work (`register`, classic v3.3.13
// rules) — and the slot rules shared by every path (append, or replace the neuron to prune).
import { concatBytes } from '../../../codec/bytes.js'
import { keccak_256, sha2_256 } from '../../../codec/hashing.js'
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { Writer } from '../../../codec/scale.js'
import { blockHash, ensureSigned } from '../../system/index.js'
import { subtensorBuild } from '../build.js'
import { mintAndSpend } from '../coinbase/tao.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { currentBlock, ifSubnetExist } from '../utils/misc.js'
import { insertIfChanged } from '../utils/store-changed.js'
import { appendNeuron, equal, replaceNeuron } from './uids.js'
import { dropCredit, withdraw } from '../../balances/index.js'
import { DispatchFailure } from '../../../frame/primitives.js'
import { maxPrice, swapTaoForAlpha } from '../staking/stake-pool.js'
import { canRemoveBalanceFromColdkeyAccount, increaseRaoRecycled, recordTaoInflow, transferTaoToSubnet } from '../staking/tao-transfer.js'
import { isSubnetAccountId } from './network.js'

const U256 = 1n << 256n

/** `get_neuron_is_immune`: registered fewer than ImmunityPeriod blocks ago. */
export function neuronIsImmune(s: Store, netuid: number, uid: number): boolean {
  const at = S.BlockAtRegistration.get(s, netuid, uid)
  const now = currentBlock(s)
  return (now > at ? now - at : 0n) < BigInt(S.ImmunityPeriod.get(s, netuid))
}

/**
 * `get_immune_owner_tuples`: the owner coldkey's hotkeys on the subnet, earliest registered first
 * (then by uid), at most ImmuneOwnerUidsLimit, with the owner hotkey's uid put first.
 */
export function immuneOwnerUids(s: Store, netuid: number, owner: Uint8Array): [number, Uint8Array][] {
  const triples: [bigint, number, Uint8Array][] = []
  for (const hk of S.OwnedHotkeys.get(s, owner)) {
    const uid = S.Uids.get(s, netuid, hk)
    if (uid !== null) triples.push([S.BlockAtRegistration.get(s, netuid, uid), uid, hk])
  }
  triples.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))
  const limit = S.ImmuneOwnerUidsLimit.get(s, netuid)
  const tuples: [number, Uint8Array][] = triples.slice(0, limit).map(([, uid, hk]) => [uid, hk])
  if (S.SubnetOwnerHotkey.contains(s, netuid)) {
    const ownerHk = S.SubnetOwnerHotkey.get(s, netuid)
    const ownerUid = S.Uids.get(s, netuid, ownerHk)
    if (ownerUid !== null && !tuples.some(([u, h]) => u === ownerUid && equal(h, ownerHk))) {
      tuples.unshift([ownerUid, ownerHk])
      if (tuples.length > limit) tuples.length = limit
    }
  }
  return tuples
}

/**
 * `get_neuron_to_prune`: lowest emission, then earliest registration, then lowest uid, skipping
 * the owner's immortal hotkeys; a non-immune neuron only while more than MinNonImmuneUids of them
 * remain, else the best immune one.
 */
export function neuronToPrune(s: Store, netuid: number): number | null {
  const n = S.SubnetworkN.get(s, netuid)
  if (n === 0) return null
  const immortal = immuneOwnerUids(s, netuid, S.SubnetOwner.get(s, netuid)).map(([, hk]) => hk)
  const emissions = S.Emission.get(s, netuid)
  type Best = [bigint, bigint, number] | null
  let bestFree: Best = null
  let bestImmune: Best = null
  let free = 0
  const better = (c: [bigint, bigint, number], b: Best): boolean =>
    b === null || (c[0] !== b[0] ? c[0] < b[0] : c[1] !== b[1] ? c[1] < b[1] : c[2] < b[2])
  for (let uid = 0; uid < n; uid++) {
    if (!S.Keys.contains(s, netuid, uid)) continue
    const hk = S.Keys.get(s, netuid, uid)
    if (immortal.some((x) => equal(x, hk))) continue
    const c: [bigint, bigint, number] = [emissions[uid] ?? 0n, S.BlockAtRegistration.get(s, netuid, uid), uid]
    if (neuronIsImmune(s, netuid, uid)) {
      if (better(c, bestImmune)) bestImmune = c
    } else {
      free++
      if (better(c, bestFree)) bestFree = c
    }
  }
  if (bestFree === null && bestImmune === null) return null
  if (free > S.MinNonImmuneUids.get(s, netuid) && bestFree !== null) return bestFree[2]
  return bestImmune === null ? null : bestImmune[2]
}

/** `register_neuron`: the next free uid, else the neuron to prune is replaced. */
export function registerNeuron(s: Store, netuid: number, hotkey: Uint8Array): number {
  const block = currentBlock(s)
  const n = S.SubnetworkN.get(s, netuid)
  if (n < S.MaxAllowedUids.get(s, netuid)) return appendNeuron(s, netuid, hotkey, block)
  const uid = neuronToPrune(s, netuid)
  if (uid === null) throw E.NoNeuronIdAvailable()
  replaceNeuron(s, netuid, uid, hotkey, block)
  return uid
}

/**
 * `create_account_if_non_existent` (v3.3.13): a new hotkey is owned by the coldkey. True when it
 * was new (so the coldkey owns it now, without reading Owner back).
 */
export function createAccountIfNonExistent(s: Store, coldkey: Uint8Array, hotkey: Uint8Array): boolean {
  if (S.Owner.contains(s, hotkey)) return false
  S.Owner.set(s, hotkey, coldkey)
  const owned = S.OwnedHotkeys.get(s, coldkey)
  if (!owned.some((h) => equal(h, hotkey))) S.OwnedHotkeys.set(s, coldkey, [...owned, hotkey])
  const staking = S.StakingHotkeys.get(s, coldkey)
  if (!staking.some((h) => equal(h, hotkey))) S.StakingHotkeys.set(s, coldkey, [...staking, hotkey])
  return true
}

export const coldkeyOwnsHotkey = (s: Store, coldkey: Uint8Array, hotkey: Uint8Array): boolean =>
  S.Owner.contains(s, hotkey) && equal(S.Owner.get(s, hotkey), coldkey)

/** `hash_block_and_hotkey`: keccak256(block_hash ‖ hotkey). */
export const hashBlockAndHotkey = (blockHashBytes: Uint8Array, hotkey: Uint8Array): Uint8Array =>
  keccak_256(concatBytes(blockHashBytes, hotkey))

/** `create_seal_hash`: keccak256(sha256(nonce_le ‖ keccak256(block_hash(block) ‖ hotkey))). */
export function sealHash(blockHashBytes: Uint8Array, nonce: bigint, hotkey: Uint8Array): Uint8Array {
  const w = new Writer()
  w.bigLE(nonce, 8)
  return keccak_256(sha2_256(concatBytes(w.finish(), hashBlockAndHotkey(blockHashBytes, hotkey))))
}

/**
 * `hash_meets_difficulty`: hash × difficulty must not overflow 256 bits. The hash is read
 * big-endian, as the chain did before v3.1.6 and as the SDK's solver checks it.
 */
export function hashMeetsDifficulty(hash: Uint8Array, difficulty: bigint): boolean {
  let n = 0n
  for (const b of hash) n = (n << 8n) | BigInt(b)
  return n * difficulty < U256
}

/** `get_block_hash_from_u64`: System.BlockHash of that block (zero when unknown). */
export const blockHashAt = (s: Store, block: bigint): Uint8Array => blockHash(s, Number(block)) ?? new Uint8Array(32)

export interface PowArgs { netuid: number; block_number: bigint; nonce: bigint; work: Uint8Array; hotkey: Uint8Array; coldkey: Uint8Array }

/** The seal checks `register` and `faucet` share: recent block, difficulty, seal; then UsedWork. */
function checkWork(s: Store, blockNumber: bigint, nonce: bigint, work: Uint8Array, signer: Uint8Array, difficulty: bigint): void {
  const now = currentBlock(s)
  if (blockNumber > now || now - blockNumber >= 3n) throw E.InvalidWorkBlock()
  // The chain's H256::from_slice panics on a work that is not 32 bytes; such a seal cannot match.
  if (work.length !== 32) throw E.InvalidSeal()
  if (!hashMeetsDifficulty(work, difficulty)) throw E.InvalidDifficulty()
  if (!equal(sealHash(blockHashAt(s, blockNumber), nonce, signer), work)) throw E.InvalidSeal()
  S.UsedWork.set(s, work, now)
}

/** `do_registration` (v3.3.13): proof-of-work registration, signed by the hotkey. */
export function doPowRegistration(ctx: CallCtx, a: PowArgs): void {
  const { s } = ctx
  const signer = ensureSigned(ctx)
  if (!equal(signer, a.hotkey)) throw E.TransactorAccountShouldBeHotKey()
  if (a.netuid === 0) throw E.RegistrationNotPermittedOnRootSubnet()
  if (!ifSubnetExist(s, a.netuid)) throw E.SubnetNotExists()
  if (!S.NetworkPowRegistrationAllowed.get(s, a.netuid)) throw E.SubNetRegistrationDisabled()
  checkRegistrationLimits(s, a.netuid)
  if (S.Uids.contains(s, a.netuid, a.hotkey)) throw E.HotKeyAlreadyRegisteredInSubNet()
  checkWork(s, a.block_number, a.nonce, a.work, a.hotkey, S.Difficulty.get(s, a.netuid))
  createAccountIfNonExistent(s, a.coldkey, a.hotkey)
  if (!coldkeyOwnsHotkey(s, a.coldkey, a.hotkey)) throw E.NonAssociatedColdKey()
  ensureSlot(s, a.netuid)
  const uid = registerNeuron(s, a.netuid, a.hotkey)
  S.POWRegistrationsThisInterval.mutate(s, a.netuid, inc)
  S.RegistrationsThisInterval.mutate(s, a.netuid, inc)
  S.RegistrationsThisBlock.mutate(s, a.netuid, inc)
  SubtensorEvents.NeuronRegistered.emit(ctx.env, [a.netuid, uid, a.hotkey])
}

export const inc = (v: number): number => Math.min(v + 1, 0xffff)

/** Per-block and per-interval caps (v3.3.13 checks both for PoW and burned registration). */
export function checkRegistrationLimits(s: Store, netuid: number): void {
  if (S.RegistrationsThisBlock.get(s, netuid) >= S.MaxRegistrationsPerBlock.get(s, netuid)) throw E.TooManyRegistrationsThisBlock()
  if (S.RegistrationsThisInterval.get(s, netuid) >= Math.min(S.TargetRegistrationsPerInterval.get(s, netuid) * 3, 0xffff)) {
    throw E.TooManyRegistrationsThisInterval()
  }
}

/** A slot must exist: MaxAllowedUids ≠ 0 and, when full, a neuron to prune. */
export function ensureSlot(s: Store, netuid: number): void {
  const max = S.MaxAllowedUids.get(s, netuid)
  if (max === 0) throw E.NoNeuronIdAvailable()
  if (S.SubnetworkN.get(s, netuid) >= max && neuronToPrune(s, netuid) === null) throw E.NoNeuronIdAvailable()
}

/** `do_faucet` (pow-faucet builds): 1,000 TAO for a seal at difficulty 1,000,000 over the coldkey. */
export function doFaucet(ctx: CallCtx, a: { block_number: bigint; nonce: bigint; work: Uint8Array }, credit: (who: Uint8Array, amount: bigint) => void): void {
  const coldkey = ensureSigned(ctx)
  checkWork(ctx.s, a.block_number, a.nonce, a.work, coldkey, 1_000_000n)
  const amount = 1_000_000_000_000n
  credit(coldkey, amount)
  SubtensorEvents.Faucet.emit(ctx.env, [coldkey, amount])
}

// ---- spec 425's registration price: decays every block, bumped by each registration ----

const Q32 = 1n << 32n
const U64_MAX = (1n << 64n) - 1n
/** `mul_by_q32`: (value × factor) >> 32, capped at u64::MAX. */
export const mulByQ32 = (value: bigint, factor: bigint): bigint => { const r = (value * factor) >> 32n; return r > U64_MAX ? U64_MAX : r }

/** `pow_q32`: square-and-multiply in Q32. */
export function powQ32(base: bigint, exp: number): bigint {
  let result = Q32
  let factor = base
  let power = exp
  while (power > 0) {
    if (power & 1) result = mulByQ32(result, factor)
    power >>= 1
    if (power > 0) factor = mulByQ32(factor, factor)
  }
  return result
}

const decayCache = new Map<number, bigint>()
/** `decay_factor_q32`: the largest Q32 f with f^half_life ≤ 1/2 (binary search). */
export function decayFactorQ32(halfLife: number): bigint {
  if (halfLife === 0) return Q32
  let f = decayCache.get(halfLife)
  if (f === undefined) {
    let lo = 0n
    let hi = Q32
    while (lo + 1n < hi) {
      const mid = lo + ((hi - lo) >> 1n)
      if (powQ32(mid, halfLife) > Q32 >> 1n) hi = mid
      else lo = mid
    }
    f = lo
    decayCache.set(halfLife, f)
  }
  return f
}

const clamp = (v: bigint, min: bigint, max: bigint): bigint => (v < min ? min : v > max ? max : v)

/** `should_run_epoch` (HEAD): a pending trigger, a stalled subnet, or a full tempo since the last epoch. */
function shouldRunEpoch(s: Store, netuid: number, now: bigint): boolean {
  const tempo = S.Tempo.get(s, netuid)
  if (tempo === 0) return false
  const pending = S.PendingEpochAt.get(s, netuid)
  if (pending > 0n && now >= pending) return true
  if (S.BlocksSinceLastStep.get(s, netuid) > 50_400n) return true
  const last = S.LastEpochBlock.get(s, netuid)
  return (now > last ? now - last : 0n) >= BigInt(tempo)
}

/** `update_registration_prices_for_networks`: every subnet, every block (current regime). */
export function updateRegistrationPrices(s: Store, networks: readonly number[] = [...S.NetworksAdded.iterKeys(s)]): void {
  const now = currentBlock(s)
  for (const netuid of networks) {
    const burn = S.Burn.get(s, netuid)
    const halfLife = S.BurnHalfLife.get(s, netuid)
    let next = halfLife > 0 && now > 1n ? mulByQ32(burn, decayFactorQ32(halfLife)) : burn
    next = clamp(next, S.MinBurn.get(s, netuid), S.MaxBurn.get(s, netuid))
    if (next !== burn) S.Burn.set(s, netuid, next)
    insertIfChanged(s, S.RegistrationsThisBlock, netuid, 0)
    // (a 0 already stored is not rewritten: root stays due block after block on a dev chain)
    if (netuid === 0 && shouldRunEpoch(s, netuid, now)) insertIfChanged(s, S.RegistrationsThisInterval, netuid, 0)
  }
}

/** `bump_registration_price_after_registration`: burn × max(1, BurnIncreaseMult), clamped. */
export function bumpRegistrationPrice(s: Store, netuid: number): void {
  if (netuid === 0) return
  let mult = S.BurnIncreaseMult.get(s, netuid).bits
  if (mult < 1n << 64n) mult = 1n << 64n
  const burn = S.Burn.get(s, netuid)
  // U64F64 × U64F64 → U64F64, then to u64 (floor), saturating at u64::MAX
  let next = (burn * mult) >> 64n
  if (next > U64_MAX) next = U64_MAX
  S.Burn.set(s, netuid, clamp(next, S.MinBurn.get(s, netuid), S.MaxBurn.get(s, netuid)))
}

// ---- the burned path (subnets/registration.rs `do_register` at spec 425; v3.3.13's `do_burned_registration`) ----

/**
 * The burn buys alpha on the subnet's pool and that alpha is recycled (taken off AlphaOut): the
 * TAO stays in the pool. Spec 425 moves the TAO into the subnet's account first; v3.3.13 withdrew
 * it from the coldkey (the credit dropped, Balances' issuance falling) before the same swap.
 */
function payBurnIntoPool(ctx: CallCtx, coldkey: Uint8Array, netuid: number, cost: bigint, classic: boolean): bigint {
  const { s, env } = ctx
  let paid: bigint
  if (classic) {
    if (cost === 0n) paid = 0n
    else {
      paid = withdrawOrFail(s, env, coldkey, cost)
      dropCredit(s, paid)
    }
  } else {
    paid = transferTaoToSubnet(s, env, netuid, coldkey, cost)
  }
  const burnedAlpha = swapTaoForAlpha(s, netuid, paid, maxPrice(), false).amountPaidOut
  S.SubnetAlphaOut.mutate(s, netuid, (t) => (t > burnedAlpha ? t - burnedAlpha : 0n))
  return paid
}

/** `remove_balance_from_coldkey_account` (v3.3.13): BestEffort, keep-alive; nothing taken is an error. */
function withdrawOrFail(s: Store, env: CallCtx['env'], coldkey: Uint8Array, amount: bigint): bigint {
  let taken: bigint
  try {
    taken = withdraw(s, env, coldkey, amount, 'BestEffort', 'Preserve', 'Polite')
  } catch (e) {
    if (e instanceof DispatchFailure) throw E.BalanceWithdrawalError()
    throw e
  }
  if (taken === 0n) throw E.ZeroBalanceAfterWithdrawn()
  return taken
}

/**
 * `do_register` (spec 425: `register`, `burned_register`, `register_limit`) and, in the classic
 * regime, v3.3.13's `do_burned_registration` (its per-block and per-interval caps and counters,
 * no price bump).
 */
export function doBurnedRegistration(ctx: CallCtx, netuid: number, hotkey: Uint8Array): void {
  const { s } = ctx
  const classic = subtensorBuild().registration === 'classic'
  const coldkey = ensureSigned(ctx)
  if (netuid === 0) throw E.RegistrationNotPermittedOnRootSubnet()
  if (!ifSubnetExist(s, netuid)) throw E.SubnetNotExists()
  if (!S.NetworkRegistrationAllowed.get(s, netuid)) throw E.SubNetRegistrationDisabled()
  if (classic) checkRegistrationLimits(s, netuid)
  if (S.Uids.contains(s, netuid, hotkey)) throw E.HotKeyAlreadyRegisteredInSubNet()
  const cost = S.Burn.get(s, netuid)
  if (!canRemoveBalanceFromColdkeyAccount(s, coldkey, cost)) throw E.NotEnoughBalanceToStake()
  if (!classic && isSubnetAccountId(hotkey)) throw E.CannotUseSystemAccount()
  if (!createAccountIfNonExistent(s, coldkey, hotkey) && !coldkeyOwnsHotkey(s, coldkey, hotkey)) throw E.NonAssociatedColdKey()
  ensureSlot(s, netuid)
  const paid = payBurnIntoPool(ctx, coldkey, netuid, cost, classic)
  const uid = registerNeuron(s, netuid, hotkey)
  const sink = { depositEvent: (ev: Uint8Array) => ctx.env.depositEvent(ev) }
  if (classic) {
    S.BurnRegistrationsThisInterval.mutate(s, netuid, inc)
    S.RegistrationsThisInterval.mutate(s, netuid, inc)
    S.RegistrationsThisBlock.mutate(s, netuid, inc)
    increaseRaoRecycled(s, sink, netuid, S.Burn.get(s, netuid))
  } else {
    bumpRegistrationPrice(s, netuid)
    S.RegistrationsThisBlock.mutate(s, netuid, inc)
    increaseRaoRecycled(s, sink, netuid, cost)
    recordTaoInflow(s, netuid, paid)
  }
  SubtensorEvents.NeuronRegistered.emit(ctx.env, [netuid, uid, hotkey])
}

/** `do_register_limit`: the burn must not exceed the caller's limit. */
export function doRegisterLimit(ctx: CallCtx, netuid: number, hotkey: Uint8Array, limitPrice: bigint): void {
  ensureSigned(ctx)
  if (netuid === 0) throw E.RegistrationNotPermittedOnRootSubnet()
  if (!ifSubnetExist(ctx.s, netuid)) throw E.SubnetNotExists()
  if (S.Burn.get(ctx.s, netuid) > limitPrice) throw E.RegistrationPriceLimitExceeded()
  doBurnedRegistration(ctx, netuid, hotkey)
}

// ---- the calls this file gives behaviour ----

implement('register', (ctx, a) => {
  // Spec 425 ignores the proof of work and runs the burned path charged to the signer.
  if (subtensorBuild().registration === 'classic') doPowRegistration(ctx, a)
  else doBurnedRegistration(ctx, a.netuid, a.hotkey)
})

implement('burned_register', (ctx, a) => doBurnedRegistration(ctx, a.netuid, a.hotkey))

// v3.3.13 has no call 134; in the classic regime it guards that regime's burned path, so the
// clients that register through it (SDK 10.5's `register`) work on either chain.
implement('register_limit', (ctx, a) => doRegisterLimit(ctx, a.netuid, a.hotkey, a.limit_price))

implement('faucet', (ctx, a) => {
  const sink = { depositEvent: (ev: Uint8Array) => ctx.env.depositEvent(ev) }
  doFaucet(ctx, a, (who, amount) => mintAndSpend(ctx.s, sink, who, amount))
})
