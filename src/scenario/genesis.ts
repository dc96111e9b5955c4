// `--scenario <file>` at genesis: the scenario runs on the genesis storage the chain spec produced,
// at block 0, through the same pallet calls as in a running node.
import { hexOf, hexToBytes } from '../codec/bytes.js'
import { storagePrefix } from '../codec/hashing.js'
import type { Runtime } from '../runtime/runtime.js'
import { fromKeyString, Overlay, toKeyString, type StateBackend } from '../storage/overlay.js'
import { applyScenario, type ScenarioOutcome } from './apply.js'
import { resolveAccounts } from './keys.js'
import type { Scenario } from './schema.js'

/** Read-only view of a genesis storage map (hex keys) for an Overlay. */
class GenesisBackend implements StateBackend {
  private readonly sorted: string[]
  private readonly byKey = new Map<string, Uint8Array>()
  constructor(storage: Map<string, Uint8Array>) {
    for (const [k, v] of storage) this.byKey.set(toKeyString(hexToBytes(k)), v)
    this.sorted = [...this.byKey.keys()].sort()
  }
  get(key: Uint8Array): Uint8Array | null { return this.byKey.get(toKeyString(key)) ?? null }
  *keys(prefix: Uint8Array, startAfter?: Uint8Array): Iterable<Uint8Array> {
    const p = toKeyString(prefix)
    const after = startAfter ? toKeyString(startAfter) : null
    for (const k of this.sorted) if (k.startsWith(p) && (after === null || k > after)) yield fromKeyString(k)
  }
}

/** The genesis storage with the scenario applied (a new map; `storage` is left as it was). */
export function applyScenarioToGenesis(storage: Map<string, Uint8Array>, sc: Scenario, runtime: Runtime): { storage: Map<string, Uint8Array>; outcome: ScenarioOutcome } {
  const s = new Overlay(new GenesisBackend(storage))
  const outcome = applyScenario(s, runtime.executive.env(s, 0), sc, { accounts: resolveAccounts(sc) })
  // Calls dispatched here deposit their events as in a block; genesis keeps none.
  const eventItems = ['Events', 'EventCount', 'EventTopics'].map((n) => toKeyString(storagePrefix('System', n)))
  const out = new Map(storage)
  for (const [k, v] of s.changes()) {
    if (eventItems.some((p) => k.startsWith(p))) continue
    const key = hexOf(fromKeyString(k))
    if (v === null) out.delete(key)
    else out.set(key, v)
  }
  return { storage: out, outcome }
}
