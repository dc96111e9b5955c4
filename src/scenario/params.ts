// Named SubtensorModule values a scenario (or a live override) sets: chain-wide StorageValues
// (NetworkRateLimit, AdminFreezeWindow, StartCallDelay, TxRateLimit, …) and per-subnet items keyed
// by NetUid (Tempo, WeightsSetRateLimit, MaxRegistrationsPerBlock, MinBurn, MaxBurn, …). Names are
// the storage items' own, or their snake_case spelling; a few AdminUtils/SDK names are aliases.
import type { Store } from '../frame/declare/storage.js'
import type { Ty } from '../codec/types.js'
import { SubtensorStorage as S } from '../pallets/subtensor/storage.js'
import { ScenarioError } from './schema.js'

type Value = number | string | boolean
interface AnyItem { decl: { keys: Ty[]; value: Ty }; set(s: Store, ...kv: unknown[]): void }

/** The SDK's / AdminUtils' hyperparameter names where they differ from the storage item's. */
const ALIASES: Record<string, string> = {
  weights_rate_limit: 'WeightsSetRateLimit',
  max_validators: 'MaxAllowedValidators',
  registration_allowed: 'NetworkRegistrationAllowed',
  pow_registration_allowed: 'NetworkPowRegistrationAllowed',
  target_regs_per_interval: 'TargetRegistrationsPerInterval',
  max_regs_per_block: 'MaxRegistrationsPerBlock',
  commit_reveal_period: 'RevealPeriodEpochs',
  yuma3_enabled: 'Yuma3On',
}

const pascal = (name: string): string => name.split('_').map((w) => (w[0] ?? '').toUpperCase() + w.slice(1)).join('')

function itemOf(name: string, path: string): { name: string; item: AnyItem } {
  const storageName = ALIASES[name] ?? (name.includes('_') || /^[a-z]/.test(name) ? pascal(name) : name)
  const item = (S as unknown as Record<string, AnyItem | undefined>)[storageName]
  if (!item) throw new ScenarioError(path, `no SubtensorModule storage item ${storageName}`)
  return { name: storageName, item }
}

const RANGES: Record<string, [bigint, bigint]> = {
  u8: [0n, 0xffn], u16: [0n, 0xffffn], u32: [0n, 0xffff_ffffn], u64: [0n, (1n << 64n) - 1n], u128: [0n, (1n << 128n) - 1n],
  i8: [-0x80n, 0x7fn], i16: [-0x8000n, 0x7fffn], i32: [-(1n << 31n), (1n << 31n) - 1n], i64: [-(1n << 63n), (1n << 63n) - 1n], i128: [-(1n << 127n), (1n << 127n) - 1n],
}

/** A plain number or bool in the item's own type, range-checked. */
function coerce(ty: Ty, v: Value, name: string, path: string): unknown {
  const d = ty.def as { tag: string; prim?: string }
  if (d.tag !== 'primitive') throw new ScenarioError(path, `${name} is not a plain number or bool`)
  if (d.prim === 'bool') {
    if (typeof v !== 'boolean') throw new ScenarioError(path, `${name} expects true or false`)
    return v
  }
  const range = RANGES[d.prim!]
  if (!range) throw new ScenarioError(path, `${name} is not a plain number or bool`)
  let n: bigint
  try {
    if (typeof v === 'boolean' || (typeof v === 'number' && !Number.isSafeInteger(v))) throw new Error()
    n = BigInt(v)
  } catch {
    throw new ScenarioError(path, `${name} expects a whole number (${d.prim}); big values as strings`)
  }
  if (n < range[0] || n > range[1]) throw new ScenarioError(path, `${name} = ${n} is out of range for ${d.prim}`)
  return d.prim === 'u64' || d.prim === 'u128' || d.prim === 'i64' || d.prim === 'i128' ? n : Number(n)
}

/** Sets chain-wide values (`globals`); `path` names the section. */
export function setGlobals(s: Store, values: Record<string, Value>, path: string): void {
  for (const [key, v] of Object.entries(values)) {
    const p = `${path}.${key}`
    const { name, item } = itemOf(key, p)
    if (item.decl.keys.length !== 0) throw new ScenarioError(p, `${name} is not a chain-wide value (it is keyed; set it per subnet)`)
    item.set(s, coerce(item.decl.value, v, name, p))
  }
}

/** Sets one subnet's NetUid-keyed values (`hyperparameters`). */
export function setHyperparameters(s: Store, netuid: number, values: Record<string, Value>, path: string): void {
  for (const [key, v] of Object.entries(values)) {
    const p = `${path}.${key}`
    const { name, item } = itemOf(key, p)
    if (item.decl.keys.length !== 1 || (item.decl.keys[0]!.def as { prim?: string }).prim !== 'u16') {
      throw new ScenarioError(p, `${name} is not a per-subnet value (keyed by netuid alone)`)
    }
    item.set(s, netuid, coerce(item.decl.value, v, name, p))
  }
}
