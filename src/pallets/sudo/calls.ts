// pallet_sudo calls: the inner call runs as Root (or as `who` for sudo_as) and its outcome is
// reported in an event; the sudo call itself succeeds and, when the key signed it, pays no fee.
import { f } from '../../codec/types.js'
import type { CallCtx, CallInfo, PostInfo, RuntimeCallValue } from '../../frame/declare/pallet.js'
import { badOrigin, MultiAddress, Weight, addWeight, type WeightValue } from '../../frame/primitives.js'
import { RuntimeCall } from '../../frame/outer.js'
import { callInfoOf } from '../call-info.js'
import { lookupAddress, type MultiAddressValue } from '../system/lookup.js'
import { dispatchResultOf, sudo, Sudo, SudoErrors, SudoEvents } from './pallet.js'
import { SudoWeights } from './weights.js'

/** ensure_signed_or_root, then the signer must hold the key; Root always passes. */
export function ensureSudo(ctx: CallCtx): void {
  const o = ctx.origin
  if (o.kind === 'Root') return
  if (o.kind !== 'Signed') throw badOrigin()
  const key = Sudo.Key.get(ctx.s)
  if (!key || !sameBytes(key, o.who)) throw SudoErrors.RequireSudo()
}

const boxedCall = f('call', RuntimeCall, 'Box<<T as Config>::RuntimeCall>')
const paysNo = { paysFee: 'No' as const }
type Inner = (call: RuntimeCallValue) => CallInfo

const wrapInfo = (base: () => WeightValue) => (a: { call: RuntimeCallValue }, inner: Inner): CallInfo => {
  const i = inner(a.call)
  return { weight: addWeight(base(), i.weight), class: i.class, paysFee: 'Yes' }
}
const sudoInfo = wrapInfo(SudoWeights.sudo)
const sudoAsInfo = wrapInfo(SudoWeights.sudoAs)
const uncheckedInfo = (a: { call: RuntimeCallValue; weight: WeightValue }, inner: Inner): CallInfo =>
  ({ weight: a.weight, class: inner(a.call).class, paysFee: 'Yes' })

/** sudo / sudo_unchecked_weight: the key's call, dispatched as Root; a successful sudo pays nothing. */
function dispatchAsRoot(ctx: CallCtx, a: { call: RuntimeCallValue }): PostInfo {
  ensureSudo(ctx)
  const res = ctx.env.dispatch(a.call, { kind: 'Root' })
  ctx.env.depositEvent(SudoEvents.Sudid.encode({ sudo_result: dispatchResultOf(res) }))
  return paysNo
}

sudo.call<{ call: RuntimeCallValue }>(0, 'sudo', [boxedCall], {
  docs: [' Authenticates the sudo key and dispatches a function call with `Root` origin.'],
  weight: (a) => sudoInfo(a, callInfoOf).weight,
  info: sudoInfo,
  handler: dispatchAsRoot,
})

sudo.call<{ call: RuntimeCallValue; weight: WeightValue }>(1, 'sudo_unchecked_weight', [boxedCall, f('weight', Weight, 'Weight')], {
  docs: [' Authenticates the sudo key and dispatches a function call with `Root` origin.', ' This function does not check the weight of the call, and instead allows the', ' Sudo user to specify the weight of the call.'],
  weight: (a) => a.weight,
  info: uncheckedInfo,
  handler: dispatchAsRoot,
})

sudo.call<{ new: MultiAddressValue }>(2, 'set_key', [f('new', MultiAddress, 'AccountIdLookupOf<T>')], {
  docs: [' Authenticates the current sudo key and sets the given AccountId (`new`) as the new sudo', ' key.'],
  weight: () => SudoWeights.setKey(),
  handler: (ctx, a) => {
    ensureSudo(ctx)
    const next = lookupAddress(a.new)
    ctx.env.depositEvent(SudoEvents.KeyChanged.encode({ old: Sudo.Key.get(ctx.s), new: next }))
    Sudo.Key.set(ctx.s, next)
    return paysNo
  },
})

sudo.call<{ who: MultiAddressValue; call: RuntimeCallValue }>(3, 'sudo_as', [f('who', MultiAddress, 'AccountIdLookupOf<T>'), boxedCall], {
  docs: [' Authenticates the sudo key and dispatches a function call with `Signed` origin from', ' a given account.'],
  weight: (a) => sudoAsInfo(a, callInfoOf).weight,
  info: sudoAsInfo,
  handler: (ctx, a) => {
    ensureSudo(ctx)
    const who = lookupAddress(a.who)
    const res = ctx.env.dispatch(a.call, { kind: 'Signed', who })
    ctx.env.depositEvent(SudoEvents.SudoAsDone.encode({ sudo_result: dispatchResultOf(res) }))
    return paysNo
  },
})

sudo.call<Record<string, never>>(4, 'remove_key', [], {
  docs: [' Permanently removes the sudo key.', '', ' **This cannot be un-done.**'],
  weight: () => SudoWeights.removeKey(),
  handler: (ctx) => {
    ensureSudo(ctx)
    ctx.env.depositEvent(SudoEvents.KeyRemoved.encode(null))
    Sudo.Key.kill(ctx.s)
    return paysNo
  },
})

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
