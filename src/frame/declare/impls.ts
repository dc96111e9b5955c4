// A pallet declared in full before all of its behaviour exists: each call is declared once with its
// index, arguments and weight, and topic modules give it behaviour later. A call without behaviour
// fails with the pallet's chosen error instead of pretending to succeed.
import type { DispatchFailure } from '../primitives.js'
import type { CallCtx, PostInfo } from './pallet.js'

export type CallImpl<Args> = (ctx: CallCtx, args: Args) => PostInfo | void

export class CallImpls<A> {
  private readonly impls = new Map<keyof A, CallImpl<never>>()
  constructor(private readonly pallet: string, private readonly missing: () => DispatchFailure) {}

  implement<K extends keyof A>(name: K, fn: CallImpl<A[K]>): void {
    if (this.impls.has(name)) throw new Error(`${this.pallet}.${String(name)} implemented twice`)
    this.impls.set(name, fn as CallImpl<never>)
  }

  isImplemented(name: keyof A): boolean { return this.impls.has(name) }

  run<K extends keyof A>(name: K, ctx: CallCtx, args: A[K]): PostInfo | void {
    const fn = this.impls.get(name) as CallImpl<A[K]> | undefined
    if (!fn) throw this.missing()
    return fn(ctx, args)
  }
}
