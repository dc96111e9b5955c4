// Subtensor's NoNestingCallFilter (runtime/src/lib.rs), part of its BaseCallFilter: a batch,
// batch_all or force_batch may not directly contain another batch call.
import type { RuntimeCallValue } from '../../frame/declare/pallet.js'

const BATCHES = new Set(['batch', 'batch_all', 'force_batch'])

export const isBatchCall = (c: RuntimeCallValue): boolean => c.type === 'Utility' && BATCHES.has(c.value.type)

/** Contains<RuntimeCall>: true when the call may be dispatched by a filtered (non-Root) origin. */
export function noNestingCallFilter(call: RuntimeCallValue): boolean {
  if (!isBatchCall(call)) return true
  const inner = ((call.value.value as { calls?: RuntimeCallValue[] } | undefined)?.calls) ?? []
  return !inner.some(isBatchCall)
}
