// The block lifecycle frame_system drives for the executive (frame_system::Pallet::{initialize,
// note_finished_initialize, note_applied_extrinsic, note_finished_extrinsics, finalize,
// deposit_event_indexed, reset_events}); pure functions over the Store.
import { concatBytes } from '../../codec/bytes.js'
import { blake2_256 } from '../../codec/hashing.js'
import { decode, encode } from '../../codec/scale.js'
import { tuple, u32, vec } from '../../codec/types.js'
import type { CallInfo, DispatchOutcome } from '../../frame/declare/pallet.js'
import type { Store } from '../../frame/declare/storage.js'
import {
  DigestItem, H256, Phase, weight,
  type DigestItemValue, type DispatchClassName, type PhaseValue, type WeightValue,
} from '../../frame/primitives.js'
import { BLOCK_HASH_COUNT, baseExtrinsic, classKey, minWeight } from './limits.js'
import { RuntimePanic } from './panic.js'
import { System, SystemEvents, type DispatchEventInfoValue } from './pallet.js'

const text = new TextEncoder()
/** sp_core::storage::well_known_keys */
export const EXTRINSIC_INDEX_KEY = text.encode(':extrinsic_index')
export const INTRABLOCK_ENTROPY_KEY = text.encode(':intrablock_entropy')
export const HEAP_PAGES_KEY = text.encode(':heappages')
export const CODE_KEY = text.encode(':code')

const topicsCodec = vec(H256)
const NO_TOPICS = encode(topicsCodec, [])
const INITIALIZATION = encode(Phase, { type: 'Initialization' } satisfies PhaseValue)
const topicEntry = tuple(u32, u32)
const ENTROPY_DOMAIN = text.encode('frame_system::initialize')

export function blockNumber(s: Store): number { return System.Number.get(s) }

/** Stored hash of block `n`, or null when it is not (or no longer) kept. */
export function blockHash(s: Store, n: number): Uint8Array | null {
  return System.BlockHash.contains(s, n) ? System.BlockHash.get(s, n) : null
}

/** Index of the extrinsic being applied (`:extrinsic_index`), null outside extrinsic application. */
export function extrinsicIndex(s: Store): number | null {
  const raw = s.get(EXTRINSIC_INDEX_KEY)
  return raw === null ? null : decode<number>(u32, raw)
}

/** Clear the previous block's events; frame_executive does this just before `initialize`. */
export function resetEvents(s: Store): void {
  System.Events.kill(s)
  System.EventCount.kill(s)
  System.EventTopics.clear(s)
}

/**
 * Start block `number`: resets the previous block's events (as `initialize_block` does first),
 * then what frame_system::initialize does. Throws RuntimePanic unless `number` follows the stored
 * block number.
 */
export function initialize(s: Store, number: number, parentHash: Uint8Array, digest: DigestItemValue[]): void {
  resetEvents(s)
  const expected = System.Number.get(s) + 1
  if (number !== expected) throw new RuntimePanic(`Block number must be strictly increasing (expected ${expected}, got ${number})`)
  System.ExecutionPhase.set(s, { type: 'Initialization' })
  s.set(EXTRINSIC_INDEX_KEY, encode(u32, 0))
  s.set(INTRABLOCK_ENTROPY_KEY, blake2_256(concatBytes(ENTROPY_DOMAIN, parentHash)))
  System.Number.set(s, number)
  System.Digest.set(s, { logs: digest })
  System.ParentHash.set(s, parentHash)
  System.BlockHash.set(s, number - 1, parentHash)
  System.BlockWeight.kill(s)
}

export function noteFinishedInitialize(s: Store): void {
  System.ExecutionPhase.set(s, { type: 'ApplyExtrinsic', value: 0 })
}

export function noteInherentsApplied(s: Store): void { System.InherentsApplied.set(s, true) }

/** Record the encoded extrinsic at the current index, for the extrinsics root in `finalize`. */
export function noteExtrinsic(s: Store, encodedXt: Uint8Array): void {
  System.ExtrinsicData.set(s, extrinsicIndex(s) ?? 0, encodedXt)
}

/**
 * Append an EventRecord with the current ExecutionPhase; nothing is recorded at block 0 (genesis).
 * `runtimeEvent` is the encoded RuntimeEvent (pallet index ++ event).
 */
export function depositEvent(s: Store, runtimeEvent: Uint8Array, topics: Uint8Array[] = []): void {
  const number = System.Number.get(s)
  if (number === 0) return
  // ExecutionPhase holds a Phase, so its stored bytes are the record's phase as they are.
  const phase = System.ExecutionPhase.raw(s) ?? INITIALIZATION
  const index = System.EventCount.get(s)
  if (index === 0xffffffff) return
  System.EventCount.set(s, index + 1)
  // (the record as its three parts: the Vec's bytes join them once, when the block's diff is taken)
  System.Events.appendEncoded(s, [phase, runtimeEvent, topics.length === 0 ? NO_TOPICS : encode(topicsCodec, topics)])
  for (const t of topics) s.append(System.EventTopics.key(t), encode(topicEntry, [number, index]))
}

/**
 * depositEvent of `runtimeEvents` in order, none with topics, for a caller whose events come in a
 * run with nothing between them that reads or writes the block's events, EventCount, Number or
 * ExecutionPhase: those are read once and EventCount written once, with the value the run of
 * single deposits leaves (each stops at u32::MAX as depositEvent does).
 */
export function depositEvents(s: Store, runtimeEvents: readonly Uint8Array[]): void {
  if (runtimeEvents.length === 0 || System.Number.get(s) === 0) return
  const phase = System.ExecutionPhase.raw(s) ?? INITIALIZATION
  const first = System.EventCount.get(s)
  let index = first
  for (const ev of runtimeEvents) {
    if (index === 0xffffffff) break
    index++
    System.Events.appendEncoded(s, [phase, ev, NO_TOPICS])
  }
  if (index !== first) System.EventCount.set(s, index)
}

/** Append a digest item to the block being built (frame_system::deposit_log). */
export function depositLog(s: Store, item: DigestItemValue): void {
  s.append(System.Digest.key(), encode(DigestItem, item))
}

export function registerExtraWeightUnchecked(s: Store, w: WeightValue, cls: DispatchClassName): void {
  System.BlockWeight.mutate(s, (bw) => {
    const k = classKey(cls)
    bw[k] = weight(bw[k].ref_time + w.ref_time, bw[k].proof_size + w.proof_size)
    return bw
  })
}

// Every block applies the timestamp inherent, whose ExtrinsicSuccess has the same bytes each time:
// the last encoding per dispatch class is kept (shared by every record of it: stored bytes are never changed in place).
const lastSuccess = new Map<string, { pays: string; ref: bigint; proof: bigint; bytes: Uint8Array }>()

function successEvent(info: DispatchEventInfoValue): Uint8Array {
  const last = lastSuccess.get(info.class.type)
  if (last !== undefined && last.pays === info.pays_fee.type && last.ref === info.weight.ref_time && last.proof === info.weight.proof_size) return last.bytes
  const bytes = SystemEvents.ExtrinsicSuccess.encode({ dispatch_info: info })
  lastSuccess.set(info.class.type, { pays: info.pays_fee.type, ref: info.weight.ref_time, proof: info.weight.proof_size, bytes })
  return bytes
}

/**
 * After an extrinsic: ExtrinsicSuccess/ExtrinsicFailed with the actual weight (capped by the
 * pre-dispatch weight) plus the class's base weight, then move to the next extrinsic index.
 * `info.weight` is the pre-dispatch weight, `info.actualWeight` the post-dispatch one and
 * `info.paysFee` the pays-fee after dispatch.
 */
export function noteAppliedExtrinsic(s: Store, outcome: DispatchOutcome, info: CallInfo & { actualWeight?: WeightValue }): void {
  const actual = info.actualWeight ? minWeight(info.actualWeight, info.weight) : info.weight
  const base = baseExtrinsic(info.class)
  const paysFee = info.paysFee === 'Yes' && (outcome.post.paysFee ?? 'Yes') === 'Yes' ? 'Yes' : 'No'
  const dispatchInfo = {
    weight: weight(actual.ref_time + base.ref_time, actual.proof_size + base.proof_size),
    class: { type: info.class },
    pays_fee: { type: paysFee },
  }
  const ev = outcome.ok
    ? successEvent(dispatchInfo)
    : SystemEvents.ExtrinsicFailed.encode({ dispatch_error: outcome.error.error, dispatch_info: dispatchInfo })
  depositEvent(s, ev)
  const next = (extrinsicIndex(s) ?? 0) + 1
  s.set(EXTRINSIC_INDEX_KEY, encode(u32, next))
  System.ExecutionPhase.set(s, { type: 'ApplyExtrinsic', value: next })
  System.ExtrinsicWeightReclaimed.kill(s)
}

export function noteFinishedExtrinsics(s: Store): void {
  const count = extrinsicIndex(s) ?? 0
  s.remove(EXTRINSIC_INDEX_KEY)
  System.ExtrinsicCount.set(s, count)
  System.ExecutionPhase.set(s, { type: 'Finalization' })
}

export interface FinalizedBlock {
  number: number
  parentHash: Uint8Array
  digest: DigestItemValue[]
  /** Encoded extrinsics noted with noteExtrinsic, in order (for the extrinsics root). */
  extrinsics: Uint8Array[]
}

/**
 * frame_system::finalize without the state/extrinsics roots (the caller computes those): clears
 * the per-block environment, takes the noted extrinsics and prunes BlockHash(n − 2400 − 1),
 * always keeping entry 0. Events, Number, ParentHash and Digest stay for clients to read.
 */
export function finalize(s: Store): FinalizedBlock {
  System.ExecutionPhase.kill(s)
  System.AllExtrinsicsLen.kill(s)
  s.remove(INTRABLOCK_ENTROPY_KEY)
  System.InherentsApplied.kill(s)
  const number = System.Number.get(s)
  const parentHash = System.ParentHash.get(s)
  const digest = System.Digest.get(s).logs
  const count = System.ExtrinsicCount.get(s) ?? 0
  System.ExtrinsicCount.kill(s)
  const extrinsics: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    extrinsics.push(System.ExtrinsicData.get(s, i))
    System.ExtrinsicData.remove(s, i)
  }
  const toRemove = number - BLOCK_HASH_COUNT - 1
  if (toRemove > 0) System.BlockHash.remove(s, toRemove)
  return { number, parentHash, digest, extrinsics }
}
