// pallet_subtensor_utility calls (subtensor pallets/utility/src/lib.rs). Every inner call runs in
// its own storage layer through env.dispatch; non-Root origins keep their call filters.
import { blake2_256 } from '../../codec/hashing.js'
import { f, u16, vec } from '../../codec/types.js'
import type { CallCtx, CallInfo, DispatchOutcome, PostInfo, RuntimeCallValue } from '../../frame/declare/pallet.js'
import { RuntimeCall } from '../../frame/outer.js'
import {
  addWeight, badOrigin, DispatchFailure, Weight, ZERO_WEIGHT, type Origin, type PaysName, type WeightValue,
} from '../../frame/primitives.js'
import { callInfoOf } from '../call-info.js'
import { dbReadsWrites, minWeight } from '../system/limits.js'
import { SystemErrors } from '../system/pallet.js'
import { dispatchResultOf } from '../sudo/pallet.js'
import { originOf, OriginCaller, type OriginCallerValue } from './types.js'
import { BATCHED_CALLS_LIMIT, utility, UtilityErrors, UtilityEvents } from './pallet.js'
import { UtilityWeights as W } from './weights.js'

type Inner = (call: RuntimeCallValue) => CallInfo
/** An origin carrying batch_all's added filter (no nested batch_all), inherited by as_derivative. */
type FilteredOrigin = Origin & { noBatchAll?: true }

const calls = f('calls', vec(RuntimeCall), 'Vec<<T as Config>::RuntimeCall>')
const boxed = (name: string) => f(name, RuntimeCall, 'Box<<T as Config>::RuntimeCall>')
const asOrigin = f('as_origin', OriginCaller, 'Box<T::PalletsOrigin>')

/** extract_actual_weight: the post-dispatch weight, never above the pre-dispatch one. */
const actualWeight = (o: DispatchOutcome, info: CallInfo): WeightValue =>
  o.post.actualWeight ? minWeight(o.post.actualWeight, info.weight) : info.weight

/** weight_and_dispatch_class: summed call weights; Pays::No only if no inner call pays. */
function batchInfo(list: RuntimeCallValue[], inner: Inner, base: (n: number) => WeightValue): CallInfo {
  let w = ZERO_WEIGHT
  let pays: PaysName = 'No'
  for (const c of list) {
    const i = inner(c)
    w = addWeight(w, i.weight)
    if (i.paysFee === 'Yes') pays = 'Yes'
  }
  return { weight: addWeight(w, base(list.length)), class: 'Normal', paysFee: pays }
}

function dispatchFrom(ctx: CallCtx, call: RuntimeCallValue, origin: FilteredOrigin): DispatchOutcome {
  if (origin.noBatchAll && call.type === 'Utility' && call.value.type === 'batch_all') {
    return { ok: false, error: SystemErrors.CallFiltered(), post: {} }
  }
  return ctx.env.dispatch(call, origin)
}

function ensureNotNone(ctx: CallCtx): boolean {
  if (ctx.origin.kind === 'None') throw badOrigin()
  return ctx.origin.kind === 'Root'
}

function ensureLimit(n: number): void {
  if (n > BATCHED_CALLS_LIMIT) throw UtilityErrors.TooManyCalls()
}

/** Utility::derivative_account_id: blake2_256(b"modlpy/utilisuba" ++ who ++ index as u16 LE). */
export function derivativeAccountId(who: Uint8Array, index: number): Uint8Array {
  const data = new Uint8Array(16 + 32 + 2)
  data.set(new TextEncoder().encode('modlpy/utilisuba'))
  data.set(who, 16)
  data[48] = index & 0xff
  data[49] = (index >> 8) & 0xff
  return blake2_256(data)
}

const info = {
  batch: (a: { calls: RuntimeCallValue[] }, inner: Inner) => batchInfo(a.calls, inner, W.batch),
  batchAll: (a: { calls: RuntimeCallValue[] }, inner: Inner) => batchInfo(a.calls, inner, W.batchAll),
  forceBatch: (a: { calls: RuntimeCallValue[] }, inner: Inner) => batchInfo(a.calls, inner, W.forceBatch),
  asDerivative: (a: { call: RuntimeCallValue }, inner: Inner): CallInfo =>
    ({ weight: addWeight(addWeight(W.asDerivative(), dbReadsWrites(1, 1)), inner(a.call).weight), class: 'Normal', paysFee: 'Yes' }),
  dispatchAs: (a: { call: RuntimeCallValue }, inner: Inner): CallInfo =>
    ({ weight: addWeight(W.dispatchAs(), inner(a.call).weight), class: 'Normal', paysFee: 'Yes' }),
  ifElse: (a: { main: RuntimeCallValue; fallback: RuntimeCallValue }, inner: Inner): CallInfo =>
    ({ weight: addWeight(addWeight(W.ifElse(), inner(a.main).weight), inner(a.fallback).weight), class: 'Normal', paysFee: 'Yes' }),
  dispatchAsFallible: (a: { call: RuntimeCallValue }, inner: Inner): CallInfo =>
    ({ weight: addWeight(W.dispatchAsFallible(), inner(a.call).weight), class: 'Normal', paysFee: 'Yes' }),
}

utility.call<{ calls: RuntimeCallValue[] }>(0, 'batch', [calls], {
  docs: [' Send a batch of dispatch calls.'],
  weight: (a) => info.batch(a, callInfoOf).weight,
  info: info.batch,
  handler: (ctx, a): PostInfo => {
    ensureNotNone(ctx)
    ensureLimit(a.calls.length)
    let used = ZERO_WEIGHT
    for (let i = 0; i < a.calls.length; i++) {
      const call = a.calls[i]!
      const ci = ctx.env.callInfo(call)
      const res = dispatchFrom(ctx, call, ctx.origin)
      used = addWeight(used, actualWeight(res, ci))
      if (!res.ok) {
        ctx.env.depositEvent(UtilityEvents.BatchInterrupted.encode({ index: i, error: res.error.error }))
        return { actualWeight: addWeight(W.batch(i + 1), used) }
      }
      ctx.env.depositEvent(UtilityEvents.ItemCompleted.encode(null))
    }
    ctx.env.depositEvent(UtilityEvents.BatchCompleted.encode(null))
    return { actualWeight: addWeight(W.batch(a.calls.length), used) }
  },
})

utility.call<{ index: number; call: RuntimeCallValue }>(1, 'as_derivative', [f('index', u16, 'u16'), boxed('call')], {
  docs: [' Send a call through an indexed pseudonym of the sender.'],
  weight: (a) => info.asDerivative(a, callInfoOf).weight,
  info: info.asDerivative,
  handler: (ctx, a): PostInfo => {
    if (ctx.origin.kind !== 'Signed') throw badOrigin()
    const origin: FilteredOrigin = { kind: 'Signed', who: derivativeAccountId(ctx.origin.who, a.index) }
    if ((ctx.origin as FilteredOrigin).noBatchAll) origin.noBatchAll = true
    const ci = ctx.env.callInfo(a.call)
    const res = dispatchFrom(ctx, a.call, origin)
    const w = addWeight(addWeight(W.asDerivative(), dbReadsWrites(1, 1)), actualWeight(res, ci))
    if (!res.ok) throw withPost(res.error, { actualWeight: w })
    return { actualWeight: w }
  },
})

utility.call<{ calls: RuntimeCallValue[] }>(2, 'batch_all', [calls], {
  docs: [' Send a batch of dispatch calls and atomically execute them.'],
  weight: (a) => info.batchAll(a, callInfoOf).weight,
  info: info.batchAll,
  handler: (ctx, a): PostInfo => {
    const isRoot = ensureNotNone(ctx)
    ensureLimit(a.calls.length)
    const origin: FilteredOrigin = isRoot ? ctx.origin : { ...ctx.origin, noBatchAll: true }
    let used = ZERO_WEIGHT
    for (let i = 0; i < a.calls.length; i++) {
      const call = a.calls[i]!
      const ci = ctx.env.callInfo(call)
      const res = dispatchFrom(ctx, call, origin)
      used = addWeight(used, actualWeight(res, ci))
      if (!res.ok) throw withPost(res.error, { actualWeight: addWeight(W.batchAll(i + 1), used) })
      ctx.env.depositEvent(UtilityEvents.ItemCompleted.encode(null))
    }
    ctx.env.depositEvent(UtilityEvents.BatchCompleted.encode(null))
    return { actualWeight: addWeight(W.batchAll(a.calls.length), used) }
  },
})

utility.call<{ as_origin: OriginCallerValue; call: RuntimeCallValue }>(3, 'dispatch_as', [asOrigin, boxed('call')], {
  docs: [' Dispatches a function call with a provided origin.', '', ' The dispatch origin for this call must be _Root_.'],
  weight: (a) => info.dispatchAs(a, callInfoOf).weight,
  info: info.dispatchAs,
  handler: (ctx, a) => {
    if (ctx.origin.kind !== 'Root') throw badOrigin()
    const res = dispatchAs(ctx, a.as_origin, a.call)
    ctx.env.depositEvent(UtilityEvents.DispatchedAs.encode({ result: dispatchResultOf(res) }))
  },
})

utility.call<{ calls: RuntimeCallValue[] }>(4, 'force_batch', [calls], {
  docs: [' Send a batch of dispatch calls.', ' Unlike `batch`, it allows errors and won\'t interrupt.'],
  weight: (a) => info.forceBatch(a, callInfoOf).weight,
  info: info.forceBatch,
  handler: (ctx, a): PostInfo => {
    ensureNotNone(ctx)
    ensureLimit(a.calls.length)
    let used = ZERO_WEIGHT
    let failed = false
    for (const call of a.calls) {
      const ci = ctx.env.callInfo(call)
      const res = dispatchFrom(ctx, call, ctx.origin)
      used = addWeight(used, actualWeight(res, ci))
      if (res.ok) ctx.env.depositEvent(UtilityEvents.ItemCompleted.encode(null))
      else {
        failed = true
        ctx.env.depositEvent(UtilityEvents.ItemFailed.encode({ error: res.error.error }))
      }
    }
    ctx.env.depositEvent((failed ? UtilityEvents.BatchCompletedWithErrors : UtilityEvents.BatchCompleted).encode(null))
    return { actualWeight: addWeight(W.forceBatch(a.calls.length), used) }
  },
})

utility.call<{ call: RuntimeCallValue; weight: WeightValue }>(5, 'with_weight', [boxed('call'), f('weight', Weight, 'Weight')], {
  docs: [' Dispatch a function call with a specified weight.', '', ' The dispatch origin for this call must be _Root_.'],
  weight: (a) => a.weight,
  handler: (ctx, a) => {
    if (ctx.origin.kind !== 'Root') throw badOrigin()
    const res = ctx.env.dispatch(a.call, { kind: 'Root' })
    if (!res.ok) throw new DispatchFailure(res.error.error, res.error.message)
  },
})

utility.call<{ main: RuntimeCallValue; fallback: RuntimeCallValue }>(6, 'if_else', [boxed('main'), boxed('fallback')], {
  docs: [' Dispatch a fallback call in the event the main call fails to execute.'],
  weight: (a) => info.ifElse(a, callInfoOf).weight,
  info: info.ifElse,
  handler: (ctx, a): PostInfo => {
    ensureNotNone(ctx)
    let used = W.ifElse()
    const mainInfo = ctx.env.callInfo(a.main)
    const main = dispatchFrom(ctx, a.main, ctx.origin)
    used = addWeight(used, actualWeight(main, mainInfo))
    if (main.ok) {
      ctx.env.depositEvent(UtilityEvents.IfElseMainSuccess.encode(null))
      return { actualWeight: used }
    }
    const fbInfo = ctx.env.callInfo(a.fallback)
    const fb = dispatchFrom(ctx, a.fallback, ctx.origin)
    used = addWeight(used, actualWeight(fb, fbInfo))
    if (!fb.ok) throw withPost(fb.error, { actualWeight: used })
    ctx.env.depositEvent(UtilityEvents.IfElseFallbackCalled.encode({ main_error: main.error.error }))
    return { actualWeight: used }
  },
})

utility.call<{ as_origin: OriginCallerValue; call: RuntimeCallValue }>(7, 'dispatch_as_fallible', [asOrigin, boxed('call')], {
  docs: [' Dispatches a function call with a provided origin.', '', ' Almost the same as [`Pallet::dispatch_as`] but forwards any error of the inner call.'],
  weight: (a) => info.dispatchAsFallible(a, callInfoOf).weight,
  info: info.dispatchAsFallible,
  handler: (ctx, a) => {
    if (ctx.origin.kind !== 'Root') throw badOrigin()
    const res = dispatchAs(ctx, a.as_origin, a.call)
    if (!res.ok) throw new DispatchFailure(res.error.error, res.error.message)
    ctx.env.depositEvent(UtilityEvents.DispatchedAs.encode({ result: { type: 'Ok', value: null } }))
  },
})

/** dispatch_bypass_filter with the given origin (unsupported origin kinds fail as BadOrigin). */
function dispatchAs(ctx: CallCtx, as: OriginCallerValue, call: RuntimeCallValue): DispatchOutcome {
  const origin = originOf(as)
  if (!origin) return { ok: false, error: badOrigin(), post: {} }
  return ctx.env.dispatch(call, origin)
}

function withPost(e: DispatchFailure, post: PostInfo): DispatchFailure {
  const out = new DispatchFailure(e.error, e.message)
  out.post = post
  return out
}
