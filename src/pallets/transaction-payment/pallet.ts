// pallet_transaction_payment (index 6) declaration and the runtime-API result types
// (pallet-transaction-payment 41, stable2506), configured as in subtensor's runtime.
import { cryptoReady } from '../../codec/hashing.js'
import { composite, enumOf, f, option, u8, u64, u128 } from '../../codec/types.js'
import { Pallet, type PalletDecl } from '../../frame/declare/pallet.js'
import { AccountId32, DispatchClass, Weight } from '../../frame/primitives.js'

await cryptoReady()

const Balance = u64

/** sp_arithmetic::fixed_point::FixedU128: an integer scaled by 10^18. */
export const FixedU128 = composite('sp_arithmetic::fixed_point::FixedU128', [{ type: u128, typeName: 'u128' }])
export const FIXED_ONE = 1_000_000_000_000_000_000n
export const Releases = enumOf('pallet_transaction_payment::Releases', ['V1Ancient', 'V2'])
export const OPERATIONAL_FEE_MULTIPLIER = 5

export const RuntimeDispatchInfo = composite('pallet_transaction_payment::types::RuntimeDispatchInfo', [
  f('weight', Weight, 'Weight'),
  f('class', DispatchClass, 'DispatchClass'),
  f('partial_fee', Balance, 'Balance'),
], { params: [{ name: 'Balance', type: Balance }, { name: 'Weight', type: Weight }] })

export const InclusionFee = composite('pallet_transaction_payment::types::InclusionFee', [
  f('base_fee', Balance, 'Balance'),
  f('len_fee', Balance, 'Balance'),
  f('adjusted_weight_fee', Balance, 'Balance'),
], { params: [{ name: 'Balance', type: Balance }] })

export const FeeDetails = composite('pallet_transaction_payment::types::FeeDetails', [
  f('inclusion_fee', option(InclusionFee), 'Option<InclusionFee<Balance>>'),
  f('tip', Balance, 'Balance'),
], { params: [{ name: 'Balance', type: Balance }] })

export const transactionPayment = new Pallet('TransactionPayment', 6, 'pallet_transaction_payment')

export const TransactionPayment = {
  NextFeeMultiplier: transactionPayment.value<bigint>('NextFeeMultiplier', FixedU128, { default: FIXED_ONE }),
  StorageVersion: transactionPayment.value<{ type: 'V1Ancient' | 'V2' }>('StorageVersion', Releases),
}

export const TransactionPaymentEvents = {
  TransactionFeePaid: transactionPayment.event<{ who: Uint8Array; actual_fee: bigint; tip: bigint }>('TransactionFeePaid', [
    f('who', AccountId32, 'T::AccountId'),
    f('actual_fee', Balance, 'BalanceOf<T>'),
    f('tip', Balance, 'BalanceOf<T>'),
  ], [' A transaction fee `actual_fee`, of which `tip` was added to the minimum inclusion fee,', ' has been paid by `who`.']),
}

transactionPayment.constant('OperationalFeeMultiplier', u8, OPERATIONAL_FEE_MULTIPLIER, [
  ' A fee multiplier for `Operational` extrinsics to compute "virtual tip" to boost their',
  ' `priority`',
])

// FeeMultiplierUpdate = ConstFeeMultiplier<1>: every block rewrites the same multiplier.
transactionPayment.hooks.onFinalize = ({ s }) => TransactionPayment.NextFeeMultiplier.set(s, FIXED_ONE)

export interface TransactionPaymentGenesis { multiplier?: bigint | number | string }

transactionPayment.genesis = (s, config) => {
  const c = (config ?? {}) as TransactionPaymentGenesis
  TransactionPayment.StorageVersion.set(s, { type: 'V2' })
  TransactionPayment.NextFeeMultiplier.set(s, c.multiplier === undefined ? FIXED_ONE : BigInt(c.multiplier))
}

let decl: PalletDecl | null = null
export function transactionPaymentPallet(): PalletDecl {
  return (decl ??= transactionPayment.decl())
}
