// pallet_balances (index 5) declaration: storage, events, errors and constants as in
// pallet-balances 42 (stable2506), with subtensor's Balance = u64 and its configuration.
import { cryptoReady } from '../../codec/hashing.js'
import { f, u32, type Field } from '../../codec/types.js'
import { Pallet } from '../../frame/declare/pallet.js'
import { AccountId32 } from '../../frame/primitives.js'
import { AccountData, boundedVec, defaultAccountData, weakBoundedVec, type AccountDataValue } from '../system/types.js'
import {
  Balance, BalanceLock, BalanceStatus, FreezeIdAmount, HoldIdAmount, ReserveData, UnexpectedKind,
  type BalanceLockValue,
} from './types.js'

await cryptoReady()

/** subtensor runtime: ExistentialDeposit 500 RAO, MaxLocks 50, MaxReserves 50, MaxFreezes 50. */
export const EXISTENTIAL_DEPOSIT = 500n
export const MAX_LOCKS = 50
export const MAX_RESERVES = 50
export const MAX_FREEZES = 50

export const balances = new Pallet('Balances', 5, 'pallet_balances')

export const Balances = {
  TotalIssuance: balances.value<bigint>('TotalIssuance', Balance, { docs: [' The total units issued in the system.'] }),
  InactiveIssuance: balances.value<bigint>('InactiveIssuance', Balance, { docs: [' The total units of outstanding deactivated balance in the system.'] }),
  /** Declared for metadata only: the runtime keeps AccountData in System.Account. */
  Account: balances.map<Uint8Array, AccountDataValue>('Account', 'Blake2_128Concat', AccountId32, AccountData, {
    default: defaultAccountData(), docs: [' The Balances pallet example of storing the balance of an account.'],
  }),
  Locks: balances.map<Uint8Array, BalanceLockValue[]>('Locks', 'Blake2_128Concat', AccountId32, weakBoundedVec(BalanceLock), {
    docs: [' Any liquidity locks on some account balances.', ' NOTE: Should only be accessed when setting, changing and freeing a lock.'],
  }),
  Reserves: balances.map<Uint8Array, { id: Uint8Array; amount: bigint }[]>('Reserves', 'Blake2_128Concat', AccountId32, boundedVec(ReserveData), {
    docs: [' Named reserves on some account balances.'],
  }),
  Holds: balances.map<Uint8Array, unknown[]>('Holds', 'Blake2_128Concat', AccountId32, boundedVec(HoldIdAmount), {
    docs: [' Holds on account balances.'],
  }),
  Freezes: balances.map<Uint8Array, unknown[]>('Freezes', 'Blake2_128Concat', AccountId32, boundedVec(FreezeIdAmount), {
    docs: [' Freeze locks on account balances.'],
  }),
}

const who = (name = 'who'): Field => f(name, AccountId32, 'T::AccountId')
const amount = (name = 'amount'): Field => f(name, Balance, 'T::Balance')
type WhoAmount = { who: Uint8Array; amount: bigint }

export const BalancesEvents = {
  Endowed: balances.event<{ account: Uint8Array; free_balance: bigint }>('Endowed', [who('account'), amount('free_balance')], [' An account was created with some free balance.']),
  DustLost: balances.event<{ account: Uint8Array; amount: bigint }>('DustLost', [who('account'), amount()], [' An account was removed whose balance was non-zero but below ExistentialDeposit,', ' resulting in an outright loss.']),
  Transfer: balances.event<{ from: Uint8Array; to: Uint8Array; amount: bigint }>('Transfer', [who('from'), who('to'), amount()], [' Transfer succeeded.']),
  BalanceSet: balances.event<{ who: Uint8Array; free: bigint }>('BalanceSet', [who(), amount('free')], [' A balance was set by root.']),
  Reserved: balances.event<WhoAmount>('Reserved', [who(), amount()], [' Some balance was reserved (moved from free to reserved).']),
  Unreserved: balances.event<WhoAmount>('Unreserved', [who(), amount()], [' Some balance was unreserved (moved from reserved to free).']),
  ReserveRepatriated: balances.event<{ from: Uint8Array; to: Uint8Array; amount: bigint; destination_status: { type: string } }>('ReserveRepatriated', [
    who('from'), who('to'), amount(), f('destination_status', BalanceStatus, 'Status'),
  ], [' Some balance was moved from the reserve of the first account to the second account.']),
  Deposit: balances.event<WhoAmount>('Deposit', [who(), amount()], [' Some amount was deposited (e.g. for transaction fees).']),
  Withdraw: balances.event<WhoAmount>('Withdraw', [who(), amount()], [' Some amount was withdrawn from the account (e.g. for transaction fees).']),
  Slashed: balances.event<WhoAmount>('Slashed', [who(), amount()], [' Some amount was removed from the account (e.g. for misbehavior).']),
  Minted: balances.event<WhoAmount>('Minted', [who(), amount()], [' Some amount was minted into an account.']),
  Burned: balances.event<WhoAmount>('Burned', [who(), amount()], [' Some amount was burned from an account.']),
  Suspended: balances.event<WhoAmount>('Suspended', [who(), amount()], [' Some amount was suspended from an account (it can be restored later).']),
  Restored: balances.event<WhoAmount>('Restored', [who(), amount()], [' Some amount was restored into an account.']),
  Upgraded: balances.event<{ who: Uint8Array }>('Upgraded', [who()], [' An account was upgraded.']),
  Issued: balances.event<{ amount: bigint }>('Issued', [amount()], [' Total issuance was increased by `amount`, creating a credit to be balanced.']),
  Rescinded: balances.event<{ amount: bigint }>('Rescinded', [amount()], [' Total issuance was decreased by `amount`, creating a debt to be balanced.']),
  Locked: balances.event<WhoAmount>('Locked', [who(), amount()], [' Some balance was locked.']),
  Unlocked: balances.event<WhoAmount>('Unlocked', [who(), amount()], [' Some balance was unlocked.']),
  Frozen: balances.event<WhoAmount>('Frozen', [who(), amount()], [' Some balance was frozen.']),
  Thawed: balances.event<WhoAmount>('Thawed', [who(), amount()], [' Some balance was thawed.']),
  TotalIssuanceForced: balances.event<{ old: bigint; new: bigint }>('TotalIssuanceForced', [amount('old'), amount('new')], [' The `TotalIssuance` was forcefully changed.']),
  Unexpected: balances.event<{ type: string }>('Unexpected', [{ type: UnexpectedKind, typeName: 'UnexpectedKind' }], [' An unexpected/defensive event was triggered.']),
}

export const BalancesErrors = {
  VestingBalance: balances.error('VestingBalance', [' Vesting balance too high to send value.']),
  LiquidityRestrictions: balances.error('LiquidityRestrictions', [' Account liquidity restrictions prevent withdrawal.']),
  InsufficientBalance: balances.error('InsufficientBalance', [' Balance too low to send value.']),
  ExistentialDeposit: balances.error('ExistentialDeposit', [' Value too low to create account due to existential deposit.']),
  Expendability: balances.error('Expendability', [' Transfer/payment would kill account.']),
  ExistingVestingSchedule: balances.error('ExistingVestingSchedule', [' A vesting schedule already exists for this account.']),
  DeadAccount: balances.error('DeadAccount', [' Beneficiary account must pre-exist.']),
  TooManyReserves: balances.error('TooManyReserves', [' Number of named reserves exceed `MaxReserves`.']),
  TooManyHolds: balances.error('TooManyHolds', [' Number of holds exceed `VariantCountOf<T::RuntimeHoldReason>`.']),
  TooManyFreezes: balances.error('TooManyFreezes', [' Number of freezes exceed `MaxFreezes`.']),
  IssuanceDeactivated: balances.error('IssuanceDeactivated', [' The issuance cannot be modified since it is already deactivated.']),
  DeltaZero: balances.error('DeltaZero', [' The delta cannot be zero.']),
}

balances.constant('ExistentialDeposit', Balance, EXISTENTIAL_DEPOSIT, [' The minimum amount required to keep an account open. MUST BE GREATER THAN ZERO!'])
balances.constant('MaxLocks', u32, MAX_LOCKS, [' The maximum number of locks that should exist on an account.', ' Not strictly enforced, but used for weight estimation.'])
balances.constant('MaxReserves', u32, MAX_RESERVES, [' The maximum number of named reserves that can exist on an account.'])
balances.constant('MaxFreezes', u32, MAX_FREEZES, [' The maximum number of individual freeze locks that can exist on an account at any time.'])
