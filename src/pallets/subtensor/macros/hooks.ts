// macros/hooks.rs: what SubtensorModule does at the start of every block. The classic regime runs
// v3.3.13's difficulty/burn controller; spec 425 decays the registration price. (The rest of
// block_step — coinbase, epochs — arrives with those topics.)
import type { HookCtx } from '../../../frame/declare/pallet.js'
import { subtensorBuild } from '../build.js'
import { adjustRegistrationTermsForNetworks } from '../coinbase/block-step.js'
import { subtensorModule } from '../pallet.js'
import { updateRegistrationPrices } from '../subnets/registration.js'

subtensorModule.hooks.onInitialize = ({ s, env }: HookCtx) => {
  if (subtensorBuild().registration === 'classic') adjustRegistrationTermsForNetworks(s, env)
  else updateRegistrationPrices(s)
}
