// extensions/subtensor.rs: SubtensorTransactionExtension's validate — the pool-level refusals of
// subtensor calls, as `InvalidTransaction::Custom(code)` (common/src/transaction_error.rs).
import type { RuntimeCallValue } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { DispatchFailure } from '../../../frame/primitives.js'
import { subtensorBuild } from '../build.js'
import { SubtensorStorage as S } from '../storage.js'
import { checkDelegateTake } from '../staking/take.js'
import { coldkeySwapGuard } from '../swap/swap-coldkey.js'
import { isInvalidRevealRound } from '../commit-reveal/timelocked.js'
import { validateServeAxon, validateServePrometheus, type AxonArgs, type PrometheusArgs } from '../subnets/serving.js'

/** CustomTransactionError codes. */
export const CustomTransactionError = {
  ColdkeyInSwapSchedule: 0, StakeAmountTooLow: 1, BalanceTooLow: 2, SubnetNotExists: 3, HotkeyAccountDoesntExist: 4,
  NotEnoughStakeToWithdraw: 5, RateLimitExceeded: 6, InsufficientLiquidity: 7, SlippageTooHigh: 8, TransferDisallowed: 9,
  HotKeyNotRegisteredInNetwork: 10, InvalidIpAddress: 11, ServingRateLimitExceeded: 12, InvalidPort: 13, ZeroMaxAmount: 14,
  InvalidRevealRound: 15, CommitNotFound: 16, CommitBlockNotInRevealRange: 17, InputLengthsUnequal: 18, UidNotFound: 19,
  EvmKeyAssociateRateLimitExceeded: 20, ColdkeySwapDisputed: 21, InvalidRealAccount: 22, FailedShieldedTxParsing: 23,
  InvalidShieldedTxPubKeyHash: 24, NonAssociatedColdKey: 25, DelegateTakeTooLow: 26, DelegateTakeTooHigh: 27,
  BadRequest: 255,
} as const

/** The custom refusal code for a SubtensorModule call from `who`, or null when it may enter the pool. */
export function validateSubtensorCall(s: Store, who: Uint8Array, call: RuntimeCallValue): number | null {
  // CheckColdkeySwap applies to every call of an announced coldkey
  const swap = coldkeySwapGuard(s, who, call)
  if (swap !== null) return swap === 'ColdkeySwapDisputed' ? CustomTransactionError.ColdkeySwapDisputed : CustomTransactionError.ColdkeyInSwapSchedule
  if (call.type !== 'SubtensorModule') return null
  const name = call.value.type
  // CheckServingEndpoints (spec 425's guard, also v3.3.13's validate for serve_axon)
  if (name === 'serve_axon' || name === 'serve_axon_tls' || name === 'serve_prometheus') {
    try {
      if (name === 'serve_prometheus') validateServePrometheus(s, who, call.value.value as PrometheusArgs)
      else validateServeAxon(s, who, call.value.value as AxonArgs)
    } catch (e) {
      if (e instanceof DispatchFailure) return customOf(e)
      throw e
    }
    return null
  }
  // CheckDelegateTake
  if (name === 'increase_take' || name === 'decrease_take') {
    const { hotkey, take } = call.value.value as { hotkey: Uint8Array; take: number }
    try {
      checkDelegateTake(s, who, hotkey, take)
    } catch (e) {
      if (e instanceof DispatchFailure) return customOf(e)
      throw e
    }
    return null
  }
  // CheckWeights' timelocked rule: a reveal round below Drand.LastStoredRound
  if (name === 'commit_timelocked_weights' || name === 'commit_timelocked_mechanism_weights' || name === 'commit_crv3_mechanism_weights') {
    if (isInvalidRevealRound(s, (call.value.value as { reveal_round: bigint }).reveal_round)) return CustomTransactionError.InvalidRevealRound
  }
  // v3.3.13's registration guard (spec 425 has none: its interval counter is root-only)
  if ((name === 'register' || name === 'burned_register') && subtensorBuild().registration === 'classic') {
    const { netuid } = call.value.value as { netuid: number }
    if (S.RegistrationsThisInterval.get(s, netuid) >= Math.min(S.TargetRegistrationsPerInterval.get(s, netuid) * 3, 0xffff)) {
      return CustomTransactionError.RateLimitExceeded
    }
  }
  return null
}

/** `From<Error<T>> for CustomTransactionError` for the errors the guards can raise. */
function customOf(e: DispatchFailure): number {
  const name = e.message.replace(/^SubtensorModule\./, '')
  const map: Record<string, number> = {
    HotKeyNotRegisteredInNetwork: CustomTransactionError.HotKeyNotRegisteredInNetwork,
    InvalidIpAddress: CustomTransactionError.InvalidIpAddress,
    ServingRateLimitExceeded: CustomTransactionError.ServingRateLimitExceeded,
    InvalidPort: CustomTransactionError.InvalidPort,
    HotKeyAccountNotExists: CustomTransactionError.HotkeyAccountDoesntExist,
    NonAssociatedColdKey: CustomTransactionError.NonAssociatedColdKey,
    DelegateTakeTooLow: CustomTransactionError.DelegateTakeTooLow,
    DelegateTakeTooHigh: CustomTransactionError.DelegateTakeTooHigh,
  }
  return map[name] ?? CustomTransactionError.BadRequest
}
