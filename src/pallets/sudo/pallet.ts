// pallet_sudo (index 12) declaration: the sudo key, its events and error.
import { cryptoReady } from '../../codec/hashing.js'
import { f, option, result, unit } from '../../codec/types.js'
import { Pallet, type DispatchOutcome } from '../../frame/declare/pallet.js'
import { AccountId32, DispatchError, type DispatchErrorValue } from '../../frame/primitives.js'

await cryptoReady()

export const sudo = new Pallet('Sudo', 12, 'pallet_sudo')

export const Sudo = {
  Key: sudo.optionalValue<Uint8Array>('Key', AccountId32, { docs: [' The `AccountId` of the sudo key.'] }),
}

/** DispatchResult = Result<(), DispatchError> */
export const DispatchResult = result(unit, DispatchError)
export type DispatchResultValue = { type: 'Ok'; value: null } | { type: 'Err'; value: DispatchErrorValue }
export const dispatchResultOf = (o: DispatchOutcome): DispatchResultValue =>
  o.ok ? { type: 'Ok', value: null } : { type: 'Err', value: o.error.error }

export const SudoEvents = {
  Sudid: sudo.event<{ sudo_result: DispatchResultValue }>('Sudid', [f('sudo_result', DispatchResult, 'DispatchResult')], [' A sudo call just took place.']),
  KeyChanged: sudo.event<{ old: Uint8Array | null; new: Uint8Array }>('KeyChanged', [
    f('old', option(AccountId32), 'Option<T::AccountId>'), f('new', AccountId32, 'T::AccountId'),
  ], [' The sudo key has been updated.']),
  KeyRemoved: sudo.event<null>('KeyRemoved', [], [' The key was permanently removed.']),
  SudoAsDone: sudo.event<{ sudo_result: DispatchResultValue }>('SudoAsDone', [f('sudo_result', DispatchResult, 'DispatchResult')], [' A [sudo_as](Pallet::sudo_as) call just took place.']),
}

export const SudoErrors = {
  RequireSudo: sudo.error('RequireSudo', [' Sender must be the Sudo account.']),
}
