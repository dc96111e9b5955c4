// pallet_timestamp (index 2): the `set` inherent (once per block, at least MinimumPeriod after the
// previous timestamp) and its end-of-block check. A violation is a Rust panic: the block is invalid.
import { cryptoReady } from '../../codec/hashing.js'
import { bool, compact, f, u64 } from '../../codec/types.js'
import { Pallet, type PalletDecl } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import { badOrigin } from '../../frame/primitives.js'
import { onTimestampSet } from '../aura/pallet.js'
import { RuntimePanic } from '../system/panic.js'
import { TimestampWeights } from './weights.js'

await cryptoReady()

/** `ConstU64<{ SLOT_DURATION / 2 }>`: 6 000 ms, or 125 ms in the fast-runtime build (setMinimumPeriod). */
let minimumPeriod = 6_000n
export const minimumPeriodMs = (): bigint => minimumPeriod

export const timestamp = new Pallet('Timestamp', 2, 'pallet_timestamp')

export const Timestamp = {
  Now: timestamp.value<bigint>('Now', u64, { docs: [' The current time for the current block.'] }),
  DidUpdate: timestamp.value<boolean>('DidUpdate', bool, {
    docs: [' Whether the timestamp has been updated in this block.', '', ' This value is updated to `true` upon successful submission of a timestamp by a node.', ' It is then checked at the end of each block execution in the `on_finalize` hook.'],
  }),
}

timestamp.call<{ now: bigint }>(0, 'set', [f('now', compact(u64), 'T::Moment')], {
  docs: [' Set the current time.', '', ' This call should be invoked exactly once per block. It will panic at the finalization', ' phase, if this call hasn\'t been invoked by that time.'],
  class: 'Mandatory',
  weight: () => TimestampWeights.set(),
  handler: ({ origin, s }, { now }) => {
    if (origin.kind !== 'None') throw badOrigin()
    if (Timestamp.DidUpdate.exists(s)) throw new RuntimePanic('Timestamp must be updated only once in the block')
    const prev = Timestamp.Now.get(s)
    if (prev !== 0n && now < prev + minimumPeriod) {
      throw new RuntimePanic('Timestamp must increment by at least <MinimumPeriod> between sequential blocks')
    }
    Timestamp.Now.set(s, now)
    Timestamp.DidUpdate.set(s, true)
    onTimestampSet(s, now)
  },
})

timestamp.constant('MinimumPeriod', u64, minimumPeriod, [
  ' The minimum period between blocks.',
  '',
  ' Be aware that this is different to the *expected* period that the block production',
  ' apparatus provides.',
])

// on_initialize reports the weight of on_finalize, as pallet_timestamp does.
timestamp.hooks.onInitialize = () => TimestampWeights.onFinalize()
timestamp.hooks.onFinalize = ({ s }) => {
  if (!Timestamp.DidUpdate.get(s)) throw new RuntimePanic('Timestamp must be updated once in the block')
  Timestamp.DidUpdate.kill(s)
}

/** The runtime build's MinimumPeriod (half its slot duration). */
export function setMinimumPeriod(ms: bigint): void {
  minimumPeriod = ms
  timestamp.setConstant('MinimumPeriod', ms)
}

let decl: PalletDecl | null = null
export function timestampPallet(): PalletDecl {
  return (decl ??= timestamp.decl())
}

export const now = (s: Store): bigint => Timestamp.Now.get(s)
export { TimestampWeights }
