// pallet_subtensor_utility (index 11), subtensor's fork of pallet_utility: declaration.
import { cryptoReady } from '../../codec/hashing.js'
import { f, u32 } from '../../codec/types.js'
import { Pallet } from '../../frame/declare/pallet.js'
import { DispatchError, type DispatchErrorValue } from '../../frame/primitives.js'
import { DispatchResult, type DispatchResultValue } from '../sudo/pallet.js'

await cryptoReady()

export const utility = new Pallet('Utility', 11, 'pallet_subtensor_utility')

/**
 * batched_calls_limit = MAX_POSSIBLE_ALLOCATION (32 MiB) / 3 / size_of::<RuntimeCall>() rounded
 * up to 1024 bytes; the runtime keeps its RuntimeCall within 1024 bytes (integrity test).
 */
export const BATCHED_CALLS_LIMIT = Math.floor(Math.floor(33_554_432 / 3) / 1024)

const err = f('error', DispatchError, 'DispatchError')
export const UtilityEvents = {
  BatchInterrupted: utility.event<{ index: number; error: DispatchErrorValue }>('BatchInterrupted', [f('index', u32, 'u32'), err], [
    ' Batch of dispatches did not complete fully. Index of first failing dispatch given, as', ' well as the error.',
  ]),
  BatchCompleted: utility.event<null>('BatchCompleted', [], [' Batch of dispatches completed fully with no error.']),
  BatchCompletedWithErrors: utility.event<null>('BatchCompletedWithErrors', [], [' Batch of dispatches completed but has errors.']),
  ItemCompleted: utility.event<null>('ItemCompleted', [], [' A single item within a Batch of dispatches has completed with no error.']),
  ItemFailed: utility.event<{ error: DispatchErrorValue }>('ItemFailed', [err], [' A single item within a Batch of dispatches has completed with error.']),
  DispatchedAs: utility.event<{ result: DispatchResultValue }>('DispatchedAs', [f('result', DispatchResult, 'DispatchResult')], [' A call was dispatched.']),
  IfElseMainSuccess: utility.event<null>('IfElseMainSuccess', [], [' Main call was dispatched.']),
  IfElseFallbackCalled: utility.event<{ main_error: DispatchErrorValue }>('IfElseFallbackCalled', [f('main_error', DispatchError, 'DispatchError')], [
    ' The fallback call was dispatched.',
  ]),
}

export const UtilityErrors = {
  TooManyCalls: utility.error('TooManyCalls', [' Too many calls batched.']),
  InvalidDerivedAccount: utility.error('InvalidDerivedAccount', [' Bad input data for derived account ID']),
}

utility.constant('batched_calls_limit', u32, BATCHED_CALLS_LIMIT, [' The limit on the number of batched calls.'])
