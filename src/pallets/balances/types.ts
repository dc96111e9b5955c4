// pallet_balances types (pallet-balances 42, stable2506) and subtensor's hold/freeze reasons.
import { array, composite, enumOf, f, u8, u64, variant, type Ty } from '../../codec/types.js'
import { RUNTIME_CRATE } from '../../frame/outer.js'

export const Balance = u64

export const Reasons = enumOf('pallet_balances::types::Reasons', ['Fee', 'Misc', 'All'])
export const LockIdentifier = array(8, u8)

export const BalanceLock = composite('pallet_balances::types::BalanceLock', [
  f('id', LockIdentifier, 'LockIdentifier'),
  f('amount', Balance, 'Balance'),
  f('reasons', Reasons, 'Reasons'),
], { params: [{ name: 'Balance', type: Balance }] })
export interface BalanceLockValue { id: Uint8Array; amount: bigint; reasons: { type: 'Fee' | 'Misc' | 'All' } }

export const ReserveData = composite('pallet_balances::types::ReserveData', [
  f('id', LockIdentifier, 'ReserveIdentifier'),
  f('amount', Balance, 'Balance'),
], { params: [{ name: 'ReserveIdentifier', type: LockIdentifier }, { name: 'Balance', type: Balance }] })

const holdReason = (crate: string, names: string[]): Ty => enumOf(`${crate}::pallet::HoldReason`, names)

/**
 * The runtime's RuntimeHoldReason: one variant per pallet with a HoldReason, at its pallet index
 * (Preimage 14, SafeMode 20, Contracts 29 in subtensor's construct_runtime).
 */
export const RuntimeHoldReason = variant(`${RUNTIME_CRATE}::RuntimeHoldReason`, [
  { name: 'Preimage', index: 14, fields: [{ type: holdReason('pallet_preimage', ['Preimage']), typeName: 'pallet_preimage::HoldReason' }] },
  { name: 'SafeMode', index: 20, fields: [{ type: holdReason('pallet_safe_mode', ['EnterOrExtend']), typeName: 'pallet_safe_mode::HoldReason' }] },
  { name: 'Contracts', index: 29, fields: [{ type: holdReason('pallet_contracts', ['CodeUploadDepositReserve', 'StorageDepositReserve']), typeName: 'pallet_contracts::HoldReason' }] },
])

/** No subtensor pallet declares a FreezeReason, so the runtime enum has no variants. */
export const RuntimeFreezeReason = variant(`${RUNTIME_CRATE}::RuntimeFreezeReason`, [])

const idAmount = (id: Ty): Ty => composite('frame_support::traits::tokens::misc::IdAmount', [
  f('id', id, 'Id'),
  f('amount', Balance, 'Balance'),
], { params: [{ name: 'Id', type: id }, { name: 'Balance', type: Balance }] })
export const HoldIdAmount = idAmount(RuntimeHoldReason)
export const FreezeIdAmount = idAmount(RuntimeFreezeReason)

export const AdjustmentDirection = enumOf('pallet_balances::types::AdjustmentDirection', ['Increase', 'Decrease'])
export const BalanceStatus = enumOf('frame_support::traits::tokens::misc::BalanceStatus', ['Free', 'Reserved'])
export const UnexpectedKind = enumOf('pallet_balances::pallet::UnexpectedKind', ['BalanceUpdated', 'FailedToMutateAccount'])

export type Preservation = 'Expendable' | 'Protect' | 'Preserve'
export type Fortitude = 'Polite' | 'Force'
export type Precision = 'Exact' | 'BestEffort'
