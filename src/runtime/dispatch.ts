// Call lookup and dispatch: RuntimeCall value → the pallet's handler, with the origin, the base
// call filter and a storage layer per dispatch (a failed call leaves no writes behind).
import type { CallDecl, CallInfo, DispatchOutcome, ExecEnv, PalletDecl, PostInfo, RuntimeCallValue } from '../frame/declare/pallet.js'
import type { Store } from '../frame/declare/storage.js'
import { DispatchFailure, type Origin } from '../frame/primitives.js'

const BATCH_CALLS = new Set(['batch', 'batch_all', 'force_batch'])
const SYSTEM_INDEX = 0
const CALL_FILTERED = 5 // frame_system::Error::CallFiltered

/** frame_system's Config::DispatchExtension: checked at every dispatch of a signed origin. */
export type DispatchExtension = (s: Store, who: Uint8Array, call: RuntimeCallValue) => DispatchFailure | null

export class Dispatcher {
  private readonly calls = new Map<string, Map<string, CallDecl<never>>>()

  constructor(pallets: PalletDecl[], private readonly extension: DispatchExtension | null = null) {
    for (const p of pallets) this.calls.set(p.name, new Map(p.calls.map((c) => [c.name, c])))
  }

  lookup(call: RuntimeCallValue): CallDecl<Record<string, unknown>> {
    const c = this.calls.get(call.type)?.get(call.value.type)
    if (!c) throw new Error(`unknown call ${call.type}.${call.value.type}`)
    return c as unknown as CallDecl<Record<string, unknown>>
  }

  /** GetDispatchInfo: calls that wrap calls (Sudo, Utility) derive theirs from the inner ones. */
  info(call: RuntimeCallValue): CallInfo {
    const c = this.lookup(call)
    const args = argsOf(call)
    if (c.info) return c.info(args, (inner) => this.info(inner))
    return { weight: c.weight(args), class: c.class, paysFee: c.pays }
  }

  /**
   * Subtensor's base call filter: a batch may not contain another batch. Root bypasses filters,
   * as FRAME's origin filter does.
   */
  isFiltered(call: RuntimeCallValue, origin: Origin): boolean {
    if (origin.kind === 'Root') return false
    if (call.type !== 'Utility' || !BATCH_CALLS.has(call.value.type)) return false
    const inner = (argsOf(call).calls ?? []) as RuntimeCallValue[]
    return inner.some((c) => c.type === 'Utility' && BATCH_CALLS.has(c.value.type))
  }

  /** Dispatch in its own storage layer; the layer is kept only if the call succeeds. */
  dispatch(s: Store, env: ExecEnv, call: RuntimeCallValue, origin: Origin): DispatchOutcome {
    const decl = this.lookup(call)
    if (this.isFiltered(call, origin)) {
      return { ok: false, error: new DispatchFailure({ type: 'Module', value: { index: SYSTEM_INDEX, error: new Uint8Array([CALL_FILTERED, 0, 0, 0]) } }), post: {} }
    }
    const refused = origin.kind === 'Signed' && this.extension ? this.extension(s, origin.who, call) : null
    if (refused) return { ok: false, error: refused, post: {} }
    s.startTransaction()
    let post: PostInfo = {}
    try {
      post = decl.handler({ origin, s, env }, argsOf(call)) ?? {}
    } catch (e) {
      s.rollbackTransaction()
      if (e instanceof DispatchFailure) return { ok: false, error: e, post: e.post ?? {} }
      throw e
    }
    s.commitTransaction()
    return { ok: true, post }
  }
}

function argsOf(call: RuntimeCallValue): Record<string, unknown> {
  return (call.value.value ?? {}) as Record<string, unknown>
}
