// coinbase/root.rs: `do_root_register` — a hotkey joins the root network (netuid 0), taking a free
// slot or the slot of the root validator with the least root stake, and becomes a delegate.
import type { CallCtx } from '../../../frame/declare/pallet.js'
import { ensureSigned } from '../../system/index.js'
import { implement } from '../macros/dispatches.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorEvents } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { isSubnetAccountId } from '../subnets/network.js'
import { createAccountIfNonExistent } from '../subnets/registration.js'
import { appendNeuron, replaceNeuron } from '../subnets/uids.js'
import { currentBlock, ifSubnetExist } from '../utils/misc.js'

const ROOT = 0
const U64_MAX = (1n << 64n) - 1n

export function doRootRegister(ctx: CallCtx, hotkey: Uint8Array): void {
  const { s } = ctx
  const now = currentBlock(s)
  if (!ifSubnetExist(s, ROOT)) throw E.RootNetworkDoesNotExist()
  const coldkey = ensureSigned(ctx)
  if (S.RegistrationsThisBlock.get(s, ROOT) >= S.MaxRegistrationsPerBlock.get(s, ROOT)) throw E.TooManyRegistrationsThisBlock()
  if (S.RegistrationsThisInterval.get(s, ROOT) >= Math.min(S.TargetRegistrationsPerInterval.get(s, ROOT) * 3, 0xffff)) throw E.TooManyRegistrationsThisInterval()
  if (S.Uids.contains(s, ROOT, hotkey)) throw E.HotKeyAlreadyRegisteredInSubNet()
  // create_account_if_non_existent (spec 425): no system account as a hotkey
  if (isSubnetAccountId(hotkey)) throw E.CannotUseSystemAccount()
  createAccountIfNonExistent(s, coldkey, hotkey)
  const n = S.SubnetworkN.get(s, ROOT)
  let uid: number
  if (n < S.MaxAllowedUids.get(s, ROOT)) {
    uid = n
    appendNeuron(s, ROOT, hotkey, now)
  } else {
    // the root validator with the least alpha on root (the first such uid in key order)
    let lowest = U64_MAX
    let lowestUid = 0
    for (const [u, hk] of S.Keys.iterPrefix(s, ROOT)) {
      const stake = S.TotalHotkeyAlpha.get(s, hk, ROOT)
      if (stake < lowest) { lowest = stake; lowestUid = u }
    }
    uid = lowestUid
    if (!S.Keys.contains(s, ROOT, uid)) throw E.HotKeyNotRegisteredInSubNet()
    if (!(lowest < S.TotalHotkeyAlpha.get(s, hotkey, ROOT))) throw E.StakeTooLowForRoot()
    replaceNeuron(s, ROOT, uid, hotkey, now)
  }
  if (!S.Delegates.contains(s, hotkey)) S.Delegates.set(s, hotkey, 11_796)
  S.RegistrationsThisInterval.mutate(s, ROOT, (v) => (v + 1) & 0xffff)
  S.RegistrationsThisBlock.mutate(s, ROOT, (v) => (v + 1) & 0xffff)
  SubtensorEvents.NeuronRegistered.emit(ctx.env, [ROOT, uid, hotkey])
}

implement('root_register', (ctx, a) => doRootRegister(ctx, a.hotkey))
