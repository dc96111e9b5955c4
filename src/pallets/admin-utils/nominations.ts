// AdminUtils `sudo_set_nominator_min_required_stake`: Root sets NominatorMinRequiredStake (a
// per-million factor of DefaultMinStake); a rise sells every nomination now worth less than the
// minimum back to its coldkey (clear_small_nominations). As on chain, "a rise" compares the new
// factor with the previous *scaled* minimum.
import { SubtensorStorage as S } from '../subtensor/index.js'
import { clearSmallNominations, getNominatorMinRequiredStake } from '../subtensor/staking/delegation.js'
import { ensureRoot } from '../system/index.js'
import { implement } from './calls.js'

implement('sudo_set_nominator_min_required_stake', (ctx, a) => {
  ensureRoot(ctx)
  const previous = getNominatorMinRequiredStake(ctx.s)
  S.NominatorMinRequiredStake.set(ctx.s, a.min_stake)
  if (a.min_stake > previous) clearSmallNominations(ctx)
})
