// SubtensorModule (index 7, pallet_subtensor). The declarations (storage, events, errors,
// constants, calls) are made once, in the files that mirror the chain's macros/ and lib.rs; the
// topic folders (subnets/, staking/, …) give calls their behaviour through `implement`.
import type { PalletDecl } from '../../frame/declare/pallet.js'
import { subtensorModule } from './pallet.js'
import './storage.js'
import './macros/events.js'
import './macros/errors.js'
import './macros/config.js'
import './macros/dispatches.js'
import { subtensorGenesis, type SubtensorGenesisConfig } from './macros/genesis.js'
import './macros/hooks.js'
import './subnets/registration.js'
import './subnets/serving.js'
import './subnets/network.js'
import './utils/identity.js'
import './coinbase/root.js'
import './utils/sudo.js'
import './staking/take.js'
// staking (dTAO): the stake calls
import './staking/add-stake.js'
import './staking/remove-stake.js'
import './staking/move-stake.js'
import './staking/recycle-alpha.js'
import './staking/set-children.js'
import './staking/claim-root.js'
import './staking/delegation.js'
import './swap/swap-hotkey.js'
import './swap/swap-coldkey.js'
import './subnets/dissolve.js'
// The Swap pallet binds SubtensorModule's SwapInterface when loaded.
import '../swap/index.js'
import './subnets/weights.js'
import './commit-reveal/hash-commits.js'
import './commit-reveal/timelocked.js'
// subcalls: dynamic tempo, symbols, hotkey association, voting power, EVM keys
import './subnets/tempo-control.js'
import './subnets/update-symbol.js'
import './subnets/account.js'
import './utils/voting-power.js'
import './utils/evm.js'

subtensorModule.genesis = (s, config) => subtensorGenesis(s, config as SubtensorGenesisConfig)

let decl: PalletDecl | null = null
export function subtensorPallet(): PalletDecl {
  return (decl ??= subtensorModule.decl())
}

export { subtensorModule } from './pallet.js'
export { SubtensorStorage } from './storage.js'
export { SubtensorEvents } from './macros/events.js'
export { SubtensorErrors } from './macros/errors.js'
export { SubtensorConstants } from './macros/config.js'
export { implement, isImplemented, type SubtensorCallArgs } from './macros/dispatches.js'
export { subtensorBuild, type RegistrationRegime } from './build.js'
export { CustomTransactionError, validateSubtensorCall } from './extensions/subtensor.js'
export { subtensorDispatchExtension } from './swap/guard.js'
