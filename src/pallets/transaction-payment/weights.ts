// Weight of the ChargeTransactionPayment extension: pallet_transaction_payment::weights::
// SubstrateWeight::charge_transaction_payment (polkadot-sdk substrate/frame/transaction-payment/
// src/weights.rs, run of 2025-02-21) plus the 3 reads subtensor's ChargeTransactionPaymentWrapper
// adds for fee-payer resolution (runtime/src/transaction_payment_wrapper.rs).
import { weight, type WeightValue } from '../../frame/primitives.js'
import { DB_WEIGHT } from '../system/limits.js'

export const TransactionPaymentWeights = {
  chargeTransactionPayment: (): WeightValue => weight(35_979_000n + DB_WEIGHT.read + DB_WEIGHT.write, 3593n),
  /** What the wrapper reports as its extension weight. */
  chargeTransactionPaymentWrapper: (): WeightValue => weight(35_979_000n + DB_WEIGHT.read + DB_WEIGHT.write + 3n * DB_WEIGHT.read, 3593n),
}
