// Charging a signed extrinsic, as subtensor's `SubtensorTxFeeHandler<Balances,
// TransactionFeeHandler>` (pallets/transaction-fee) does for TAO fees:
//   before dispatch: Balances::withdraw(fee, Exact, Preserve, Polite)  (Withdraw event)
//   after dispatch:  refund `withdrawn − actual` (Deposit event, even for 0) if the payer still
//                    has a balance, then give the rest (fee and tip) to the block author found
//                    from the Aura pre-runtime digest; if there is no author, or the deposit into
//                    the author's account fails, the credit is dropped, i.e. burned from
//                    TotalIssuance. Finally TransactionFeePaid { who, actual_fee, tip }.
// The alpha-fee fallback for staking calls (TransactionFeePaidWithAlpha) belongs to SubtensorModule.
import type { ExecEnv } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import { DispatchFailure } from '../../frame/primitives.js'
import { memoOnStored } from '../../frame/declare/stored-memo.js'
import { Aura, blockAuthor } from '../aura/pallet.js'
import { System } from '../system/pallet.js'
import { totalBalance } from '../balances/account.js'
import { deposit, dropCredit, resolveCredit, withdraw } from '../balances/fungible.js'
import { TransactionPaymentEvents } from './pallet.js'

/**
 * Take `fee` from `who` keeping the account alive. False when that is impossible (the caller maps
 * it to InvalidTransaction::Payment); state is then untouched. A zero fee takes nothing.
 */
export function withdrawFee(s: Store, env: Pick<ExecEnv, 'depositEvent'>, who: Uint8Array, fee: bigint, _tip: bigint): boolean {
  if (fee === 0n) return true
  try {
    withdraw(s, env, who, fee, 'Exact', 'Preserve', 'Polite')
    return true
  } catch (e) {
    if (e instanceof DispatchFailure) return false
    throw e
  }
}

/**
 * Settle the fee after dispatch. `withdrawn` is what withdrawFee took (0 when nothing was taken),
 * `actualFee` the post-dispatch fee including the tip (computeActualFee).
 */
export function correctAndDepositFee(
  s: Store, env: Pick<ExecEnv, 'depositEvent'>, who: Uint8Array, withdrawn: bigint, actualFee: bigint, tip: bigint,
): void {
  if (withdrawn > 0n) {
    const refund = withdrawn > actualFee ? withdrawn - actualFee : 0n
    let refunded = 0n
    if (totalBalance(s, who) > 0n) {
      try {
        refunded = deposit(s, env, who, refund, 'BestEffort')
      } catch (e) {
        if (!(e instanceof DispatchFailure)) throw e
      }
    }
    // Fee and tip are merged again by OnUnbalanced::on_unbalanceds before reaching the author.
    const credit = withdrawn - refunded
    if (credit > 0n) {
      const author = feeAuthor(s)
      if (!author || !resolveCredit(s, env, author, credit)) dropCredit(s, credit)
    }
  }
  env.depositEvent(TransactionPaymentEvents.TransactionFeePaid.encode({ who, actual_fee: actualFee, tip }))
}

/**
 * The block author, as `blockAuthor`: a function of the Digest's and Aura.Authorities' bytes only,
 * so it is worked out again only when either changed (every signed extrinsic of a block pays the
 * same author; decoding both per extrinsic was most of the fee's settling).
 */
const feeAuthor = memoOnStored(() => [System.Digest.key(), Aura.Authorities.key()], blockAuthor)
