// staking/account.rs (HEAD 14bc6f9): `try_associate_hotkey` — a coldkey claims an unowned hotkey.
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { ensureSigned } from '../../system/calls.js'
import { isSubnetAccountId } from './network.js'
import { createAccountIfNonExistent } from './registration.js'

implement('try_associate_hotkey', (ctx, a) => {
  const coldkey = ensureSigned(ctx)
  // HEAD's create_account_if_non_existent refuses the subnets' system accounts first
  if (isSubnetAccountId(a.hotkey)) throw E.CannotUseSystemAccount()
  createAccountIfNonExistent(ctx.s, coldkey, a.hotkey)
})
