// Helpers for the pallet tests: an in-memory state backend, a fake ExecEnv that dispatches through
// the pallet declarations and records events in System.Events, and state snapshots for
// "failed call leaves state untouched" checks.
import { cryptoReady } from '../codec/hashing.js'
import type { CallInfo, DispatchOutcome, ExecEnv, PostInfo, RuntimeCallValue } from '../frame/declare/pallet.js'
import { composeOuterEnums } from '../frame/outer.js'
import { DispatchFailure, type Origin } from '../frame/primitives.js'
import { Overlay, toKeyString, fromKeyString, type StateBackend } from '../storage/overlay.js'
import { callInfoOf } from './call-info.js'
import { allPallets } from './index.js'
import { depositEvent, initialize, noteFinishedInitialize } from './system/block.js'
import { System, SystemErrors } from './system/pallet.js'
import { noNestingCallFilter } from './utility/filter.js'
import { setRuntimeVersion } from './system/index.js'
import type { RuntimeVersionValue } from '../frame/version.js'

await cryptoReady()

/** Committed state for tests: a sorted in-memory map. */
export class MemoryBackend implements StateBackend {
  private readonly map = new Map<string, Uint8Array>()
  private sorted: string[] | null = null

  constructor(entries: Iterable<[Uint8Array, Uint8Array]> = []) {
    for (const [k, v] of entries) this.map.set(toKeyString(k), v.slice())
  }

  get(key: Uint8Array): Uint8Array | null { return this.map.get(toKeyString(key)) ?? null }

  *keys(prefix: Uint8Array, startAfter?: Uint8Array): Iterable<Uint8Array> {
    this.sorted ??= [...this.map.keys()].sort()
    const p = toKeyString(prefix)
    const after = startAfter ? toKeyString(startAfter) : null
    for (const k of this.sorted) {
      if (!k.startsWith(p) || (after !== null && k <= after)) continue
      yield fromKeyString(k)
    }
  }
}

/** What the test runtime configures as frame_system's Config::Version (spec 425's values). */
export const TEST_VERSION: RuntimeVersionValue = {
  spec_name: 'node-subtensor', impl_name: 'node-subtensor', authoring_version: 1, spec_version: 425,
  impl_version: 1, apis: [], transaction_version: 1, system_version: 1,
}

let composed = false
/** Fill RuntimeCall/RuntimeEvent from allPallets() and configure the version (once per test process). */
export function ensureComposed(): void {
  if (composed) return
  composeOuterEnums(allPallets())
  setRuntimeVersion(TEST_VERSION)
  composed = true
}

export function newStore(entries?: Iterable<[Uint8Array, Uint8Array]>): Overlay {
  ensureComposed()
  return new Overlay(new MemoryBackend(entries))
}

/** A 32-byte account filled with `n`. */
export const acct = (n: number): Uint8Array => new Uint8Array(32).fill(n)
export const signed = (who: Uint8Array): Origin => ({ kind: 'Signed', who })
export const ROOT: Origin = { kind: 'Root' }
export const NONE: Origin = { kind: 'None' }

/** Dispatches like the executive: base call filter for non-Root origins, one layer per call. */
export class TestEnv implements ExecEnv {
  constructor(readonly s: Overlay, public blockNumber = 1) {}

  depositEvent(ev: Uint8Array, topics?: Uint8Array[]): void { depositEvent(this.s, ev, topics) }

  callInfo(call: RuntimeCallValue): CallInfo { return callInfoOf(call) }

  dispatch(call: RuntimeCallValue, origin: Origin): DispatchOutcome {
    const pallet = allPallets().find((p) => p.name === call.type)
    const decl = pallet?.calls.find((c) => c.name === call.value.type)
    if (!decl) throw new Error(`unknown call ${call.type}.${call.value.type}`)
    if (origin.kind !== 'Root' && !noNestingCallFilter(call)) return { ok: false, error: SystemErrors.CallFiltered(), post: {} }
    this.s.startTransaction()
    let post: PostInfo
    try {
      post = (decl.handler as (c: unknown, a: unknown) => PostInfo | void)({ origin, s: this.s, env: this }, call.value.value ?? {}) ?? {}
    } catch (e) {
      this.s.rollbackTransaction()
      if (e instanceof DispatchFailure) return { ok: false, error: e, post: e.post ?? {} }
      throw e
    }
    this.s.commitTransaction()
    return { ok: true, post }
  }
}

/** Start block `n` (events are only recorded from block 1 on). */
export function startBlock(s: Overlay, n = 1, digest: Parameters<typeof initialize>[3] = []): TestEnv {
  initialize(s, n, new Uint8Array(32).fill(n - 1), digest)
  noteFinishedInitialize(s)
  return new TestEnv(s, n)
}

export interface DecodedEvent { name: string; value: unknown; phase: { type: string; value?: number } }

/** System.Events as `Pallet.Event` names with their fields. */
export function events(s: Overlay): DecodedEvent[] {
  const raw = System.Events.get(s) as { phase: { type: string; value?: number }; event: { type: string; value: { type: string; value?: unknown } } }[]
  return raw.map((r) => ({ name: `${r.event.type}.${r.event.value.type}`, value: r.event.value.value, phase: r.phase }))
}
export const eventNames = (s: Overlay): string[] => events(s).map((e) => e.name)

/** Every key/value visible through the overlay, hex encoded. */
export function snapshot(s: Overlay): Map<string, string> {
  const out = new Map<string, string>()
  for (const k of s.keys(new Uint8Array(0))) out.set(Buffer.from(k).toString('hex'), Buffer.from(s.get(k)!).toString('hex'))
  return out
}

/**
 * Run `fn` in a storage layer expecting it to throw; returns the error after checking that the
 * state (all keys and values) is exactly what it was before.
 */
export function failsUntouched(s: Overlay, fn: () => unknown): unknown {
  const before = snapshot(s)
  let error: unknown = null
  try {
    s.transactional(fn)
  } catch (e) {
    error = e
  }
  if (error === null) throw new Error('expected the operation to fail')
  const after = snapshot(s)
  if (after.size !== before.size || [...before].some(([k, v]) => after.get(k) !== v)) {
    throw new Error('state changed by a failed operation')
  }
  return error
}

/** The DispatchError of a failure, for comparisons. */
export function errorOf(e: unknown): unknown {
  if (!(e instanceof DispatchFailure)) throw e
  return e.error
}

/** The DispatchError value of `Module { index, error: [i,0,0,0] }`. */
export const moduleError = (index: number, error: number) => ({ type: 'Module', value: { index, error: new Uint8Array([error, 0, 0, 0]) } })

/** Call a pallet's handler directly (no storage layer of its own): failures throw. */
export function callHandler(env: TestEnv, pallet: string, name: string, origin: Origin, args: Record<string, unknown> = {}): PostInfo {
  const decl = allPallets().find((p) => p.name === pallet)?.calls.find((c) => c.name === name)
  if (!decl) throw new Error(`unknown call ${pallet}.${name}`)
  return (decl.handler as (c: unknown, a: unknown) => PostInfo | void)({ origin, s: env.s, env }, args) ?? {}
}

export const callValue = (pallet: string, name: string, args: Record<string, unknown> = {}): RuntimeCallValue =>
  ({ type: pallet, value: { type: name, value: args } })
