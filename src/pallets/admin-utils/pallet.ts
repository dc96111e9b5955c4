// AdminUtils (index 19, pallet_admin_utils): storage, events and errors as at HEAD 14bc6f9.
import { bool, enumOf, f, u16 } from '../../codec/types.js'
import { Pallet } from '../../frame/declare/pallet.js'
import { NetUid, U64F64, type FixedValue } from '../subtensor/types.js'

export const adminUtils = new Pallet('AdminUtils', 19, 'pallet_admin_utils')

export const PrecompileEnum = enumOf('pallet_admin_utils::pallet::PrecompileEnum', [
  'BalanceTransfer', 'Staking', 'Subnet', 'Metagraph', 'Neuron', 'UidLookup', 'Alpha', 'Crowdloan', 'Proxy',
  'Leasing', 'AddressMapping', 'VotingPower',
])

export const AdminUtilsStorage = {
  PrecompileEnable: adminUtils.map<{ type: string }, boolean>('PrecompileEnable', 'Blake2_128Concat', PrecompileEnum, bool, { default: true }),
}

const netuidBool = [f('netuid', NetUid, 'NetUid'), f('enabled', bool, 'bool')]
export const AdminUtilsEvents = {
  PrecompileUpdated: adminUtils.event<{ precompile_id: { type: string }; enabled: boolean }>('PrecompileUpdated', [
    f('precompile_id', PrecompileEnum, 'PrecompileEnum'), f('enabled', bool, 'bool'),
  ]),
  Yuma3EnableToggled: adminUtils.event<{ netuid: number; enabled: boolean }>('Yuma3EnableToggled', netuidBool),
  BondsResetToggled: adminUtils.event<{ netuid: number; enabled: boolean }>('BondsResetToggled', netuidBool),
  BurnHalfLifeSet: adminUtils.event<{ netuid: number; burn_half_life: number }>('BurnHalfLifeSet', [
    f('netuid', NetUid, 'NetUid'), f('burn_half_life', u16, 'u16'),
  ]),
  BurnIncreaseMultSet: adminUtils.event<{ netuid: number; burn_increase_mult: FixedValue }>('BurnIncreaseMultSet', [
    f('netuid', NetUid, 'NetUid'), f('burn_increase_mult', U64F64, 'U64F64'),
  ]),
  SubnetEmissionEnabledSet: adminUtils.event<{ netuid: number; enabled: boolean }>('SubnetEmissionEnabledSet', netuidBool),
}

export const AdminUtilsErrors = {
  SubnetDoesNotExist: adminUtils.error('SubnetDoesNotExist', ['The subnet does not exist.']),
  MaxValidatorsLargerThanMaxUIds: adminUtils.error('MaxValidatorsLargerThanMaxUIds', ['The maximum number of validators would exceed the maximum number of uids.']),
  MaxAllowedUIdsLessThanCurrentUIds: adminUtils.error('MaxAllowedUIdsLessThanCurrentUIds', ['The maximum number of uids would be below the number of neurons already registered.']),
  BondsMovingAverageMaxReached: adminUtils.error('BondsMovingAverageMaxReached', ['The bonds moving average is above the allowed maximum.']),
  NegativeSigmoidSteepness: adminUtils.error('NegativeSigmoidSteepness', ['Only the root origin may set a negative sigmoid steepness.']),
  ValueNotInBounds: adminUtils.error('ValueNotInBounds', ['The value is outside the allowed range.']),
  MinAllowedUidsGreaterThanCurrentUids: adminUtils.error('MinAllowedUidsGreaterThanCurrentUids', ['The minimum number of uids would exceed the number of neurons registered.']),
  MinAllowedUidsGreaterThanMaxAllowedUids: adminUtils.error('MinAllowedUidsGreaterThanMaxAllowedUids', ['The minimum number of uids would exceed the maximum number of uids.']),
  MaxAllowedUidsLessThanMinAllowedUids: adminUtils.error('MaxAllowedUidsLessThanMinAllowedUids', ['The maximum number of uids would be below the minimum number of uids.']),
  MaxAllowedUidsGreaterThanDefaultMaxAllowedUids: adminUtils.error('MaxAllowedUidsGreaterThanDefaultMaxAllowedUids', ['The maximum number of uids would exceed the chain\'s default maximum.']),
  InvalidValue: adminUtils.error('InvalidValue', ['The given value is not valid for this setting.']),
  NotPermittedOnRootSubnet: adminUtils.error('NotPermittedOnRootSubnet', ['This setting cannot be changed on the root subnet.']),
  POWRegistrationDisabled: adminUtils.error('POWRegistrationDisabled', ['Proof-of-work registration is switched off.']),
  Deprecated: adminUtils.error('Deprecated', ['This call is deprecated.']),
}
