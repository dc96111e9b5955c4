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
  SubnetDoesNotExist: adminUtils.error('SubnetDoesNotExist'),
  MaxValidatorsLargerThanMaxUIds: adminUtils.error('MaxValidatorsLargerThanMaxUIds'),
  MaxAllowedUIdsLessThanCurrentUIds: adminUtils.error('MaxAllowedUIdsLessThanCurrentUIds'),
  BondsMovingAverageMaxReached: adminUtils.error('BondsMovingAverageMaxReached'),
  NegativeSigmoidSteepness: adminUtils.error('NegativeSigmoidSteepness'),
  ValueNotInBounds: adminUtils.error('ValueNotInBounds'),
  MinAllowedUidsGreaterThanCurrentUids: adminUtils.error('MinAllowedUidsGreaterThanCurrentUids'),
  MinAllowedUidsGreaterThanMaxAllowedUids: adminUtils.error('MinAllowedUidsGreaterThanMaxAllowedUids'),
  MaxAllowedUidsLessThanMinAllowedUids: adminUtils.error('MaxAllowedUidsLessThanMinAllowedUids'),
  MaxAllowedUidsGreaterThanDefaultMaxAllowedUids: adminUtils.error('MaxAllowedUidsGreaterThanDefaultMaxAllowedUids'),
  InvalidValue: adminUtils.error('InvalidValue'),
  NotPermittedOnRootSubnet: adminUtils.error('NotPermittedOnRootSubnet'),
  POWRegistrationDisabled: adminUtils.error('POWRegistrationDisabled'),
  Deprecated: adminUtils.error('Deprecated'),
}
