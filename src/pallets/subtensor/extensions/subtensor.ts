// extensions/subtensor.rs: SubtensorTransactionExtension's validate — the pool-level refusals of
// subtensor calls, as `InvalidTransaction::Custom(code)` (common/src/transaction_error.rs).
import type { RuntimeCallValue } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'

/** CustomTransactionError codes. */
export const CustomTransactionError = {
  ColdkeyInSwapSchedule: 0, StakeAmountTooLow: 1, BalanceTooLow: 2, SubnetNotExists: 3, HotkeyAccountDoesntExist: 4,
  NotEnoughStakeToWithdraw: 5, RateLimitExceeded: 6, InsufficientLiquidity: 7, SlippageTooHigh: 8, TransferDisallowed: 9,
  HotKeyNotRegisteredInNetwork: 10, InvalidIpAddress: 11, ServingRateLimitExceeded: 12, InvalidPort: 13, ZeroMaxAmount: 14,
  InvalidRevealRound: 15, CommitNotFound: 16, CommitBlockNotInRevealRange: 17, InputLengthsUnequal: 18, UidNotFound: 19,
  EvmKeyAssociateRateLimitExceeded: 20, ColdkeySwapDisputed: 21, InvalidRealAccount: 22, FailedShieldedTxParsing: 23,
  InvalidShieldedTxPubKeyHash: 24, BadRequest: 255,
} as const

/** The custom refusal code for a SubtensorModule call from `who`, or null when it may enter the pool. */
export function validateSubtensorCall(s: Store, _who: Uint8Array, call: RuntimeCallValue): number | null {
  if (call.type !== 'SubtensorModule') return null
  const name = call.value.type
  if (name === 'register' || name === 'burned_register') {
    const { netuid } = call.value.value as { netuid: number }
    if (S.RegistrationsThisInterval.get(s, netuid) >= Math.min(S.TargetRegistrationsPerInterval.get(s, netuid) * 3, 0xffff)) {
      return CustomTransactionError.RateLimitExceeded
    }
  }
  return null
}
