// macros/hooks.rs: what SubtensorModule does at the start of every block. The classic regime runs
// v3.3.13's difficulty/burn controller; spec 425 runs coinbase/block_step.rs in its order:
// registration prices, block emission (minted), run_coinbase with that credit, then the moving
// prices and RootProp. (CRv3 reveals, epochs, pending children and root claims arrive with those
// topics.)
import type { HookCtx } from '../../../frame/declare/pallet.js'
import { subtensorBuild } from '../build.js'
import { getBlockEmission } from '../coinbase/block-emission.js'
import { adjustRegistrationTermsForNetworks } from '../coinbase/block-step.js'
import { updateMovingPricesAndRootProp } from '../coinbase/moving-price.js'
import { runCoinbase } from '../coinbase/run-coinbase.js'
import { subtensorModule } from '../pallet.js'
import { updateRegistrationPrices } from '../subnets/registration.js'

subtensorModule.hooks.onInitialize = ({ s, env }: HookCtx) => {
  if (subtensorBuild().registration === 'classic') {
    adjustRegistrationTermsForNetworks(s, env)
    return
  }
  updateRegistrationPrices(s)
  updateMovingPricesAndRootProp(s, runCoinbase(s, getBlockEmission(s, env)))
}
