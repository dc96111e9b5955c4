// Chain specs in Substrate's JSON shape: built-in `dev` / `local` (genesis/*.json), or a file
// in either form — `genesis.runtimeGenesis.patch` (per-pallet config) or `genesis.raw.top`.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { hexOf, hexToBytes } from '../codec/bytes.js'
import { packageRoot } from '../paths.js'
import type { Runtime } from '../runtime/runtime.js'

export type ChainType = 'Development' | 'Local' | 'Live' | { Custom: string }

export interface ChainSpec {
  name: string
  id: string
  chainType: ChainType
  bootNodes: string[]
  telemetryEndpoints: unknown
  protocolId: string | null
  properties: Record<string, unknown>
  codeSubstitutes?: Record<string, string>
  genesis: {
    runtimeGenesis?: { patch?: Record<string, unknown>; config?: Record<string, unknown> }
    raw?: { top: Record<string, string>; childrenDefault?: Record<string, unknown> }
  }
  [extra: string]: unknown
}

const BUILT_IN: Record<string, string> = { dev: 'dev.json', local: 'local.json' }

export class ChainSpecError extends Error {}

export function loadChainSpec(chain: string): ChainSpec {
  const file = BUILT_IN[chain] ? join(packageRoot(), 'genesis', BUILT_IN[chain]!) : chain
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new ChainSpecError(`cannot read chain spec "${chain}": ${(e as Error).message}`)
  }
  let spec: ChainSpec
  try {
    spec = JSON.parse(text) as ChainSpec
  } catch (e) {
    throw new ChainSpecError(`chain spec ${file} is not valid JSON: ${(e as Error).message}`)
  }
  if (typeof spec.name !== 'string' || typeof spec.id !== 'string' || typeof spec.genesis !== 'object' || spec.genesis === null) {
    throw new ChainSpecError(`chain spec ${file} lacks name, id or genesis`)
  }
  if (!spec.genesis.raw && !spec.genesis.runtimeGenesis) throw new ChainSpecError(`chain spec ${file}: genesis has neither raw nor runtimeGenesis`)
  return spec
}

/** The genesis storage a spec describes (raw keys taken as they are). */
export function genesisStorage(spec: ChainSpec, runtime: Runtime): Map<string, Uint8Array> {
  if (spec.genesis.raw) {
    const out = new Map<string, Uint8Array>()
    for (const [k, v] of Object.entries(spec.genesis.raw.top)) out.set(hexOf(hexToBytes(k)), hexToBytes(v))
    return out
  }
  const rg = spec.genesis.runtimeGenesis!
  return runtime.buildGenesis(rg.patch ?? rg.config ?? {})
}

/** `build-spec --raw`: the same spec with its genesis as raw storage. */
export function toRawSpec(spec: ChainSpec, runtime: Runtime): ChainSpec {
  if (spec.genesis.raw) return spec
  const top: Record<string, string> = {}
  const storage = genesisStorage(spec, runtime)
  for (const k of [...storage.keys()].sort()) top[k] = hexOf(storage.get(k)!)
  return { ...spec, genesis: { raw: { top, childrenDefault: {} } } }
}

/** `system_chainType` JSON: "Development", "Local", "Live" or {"custom": name}. */
export function chainTypeJson(t: ChainType): unknown {
  return typeof t === 'string' ? t : { custom: t.Custom }
}
