// Chain specs in Substrate's JSON shape: built-in `dev` / `local` (genesis/*.json), or a file
// in either form — `genesis.runtimeGenesis.patch` (per-pallet config) or `genesis.raw.top`.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { decodeAddress } from '@polkadot/util-crypto'
import { hexOf, hexToBytes } from '../codec/bytes.js'
import { packageRoot } from '../paths.js'
import { FEATURES, type RuntimeBuild, type RuntimeFeature } from '../runtime/build.js'
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

const BUILT_IN: Record<string, string> = { dev: 'dev.json', local: 'local.json', 'mainnet-like': 'mainnet-like.json' }

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

const subtensorSection = (spec: ChainSpec): Record<string, unknown> | undefined => {
  const rg = spec.genesis.runtimeGenesis
  const patch = (rg?.patch ?? rg?.config) as Record<string, unknown> | undefined
  return patch?.subtensorModule as Record<string, unknown> | undefined
}

/**
 * The runtime build a spec runs: subtensor's cargo features (`runtimeFeatures`, e.g. the localnet's
 * `["fast-runtime", "pow-faucet"]`) and SubtensorModule's `registrationRegime` (classic | current;
 * kept at the top level of a raw spec).
 */
export function runtimeBuildOf(spec: ChainSpec): RuntimeBuild {
  const features = (spec.runtimeFeatures ?? []) as unknown[]
  for (const f of features) if (!FEATURES.includes(f as RuntimeFeature)) throw new ChainSpecError(`unknown runtime feature ${String(f)} (known: ${FEATURES.join(', ')})`)
  const regime = subtensorSection(spec)?.registrationRegime ?? spec.registrationRegime ?? 'current'
  if (regime !== 'classic' && regime !== 'current') throw new ChainSpecError(`registrationRegime must be "classic" or "current", not ${JSON.stringify(regime)}`)
  const build: RuntimeBuild = { features: features as RuntimeFeature[], registration: regime }
  const rg = spec.genesis.runtimeGenesis
  const drandKey = ((rg?.patch ?? rg?.config) as { drand?: { beaconSecretKey?: unknown } } | undefined)?.drand?.beaconSecretKey ?? spec.drandBeaconSecretKey
  if (drandKey !== undefined) {
    if (typeof drandKey !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(drandKey)) throw new ChainSpecError('drand.beaconSecretKey must be 0x followed by 64 hex digits')
    build.drandBeaconKey = drandKey
  }
  return build
}

/**
 * The spec's genesis config with SubtensorModule's `fundedAccounts` and, as the real localnet does
 * when building its spec, the `BT_DEFAULT_TOKEN_WALLET` address (10^15 RAO) moved into Balances.
 */
export function effectiveGenesisConfig(spec: ChainSpec, env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const rg = spec.genesis.runtimeGenesis!
  const patch = structuredClone(rg.patch ?? rg.config ?? {}) as Record<string, unknown>
  const balances = ((patch.balances ??= { balances: [] }) as { balances: [string, unknown][] })
  balances.balances ??= []
  const credit = (who: string, amount: unknown, replace: boolean): void => {
    let id: string
    try { id = hexOf(decodeAddress(who)) } catch { throw new ChainSpecError(`invalid account ${who} in the chain spec`) }
    const existing = balances.balances.find(([w]) => { try { return hexOf(decodeAddress(w)) === id } catch { return false } })
    if (existing) { if (replace) existing[1] = amount } else balances.balances.push([who, amount])
  }
  const st = patch.subtensorModule as Record<string, unknown> | undefined
  for (const [who, amount] of (st?.fundedAccounts ?? []) as [string, unknown][]) credit(who, amount, true)
  const wallet = env.BT_DEFAULT_TOKEN_WALLET
  if (wallet && spec.chainType !== 'Live') credit(wallet, 1_000_000_000_000_000, true)
  return patch
}

/** The genesis storage a spec describes (raw keys taken as they are). */
export function genesisStorage(spec: ChainSpec, runtime: Runtime): Map<string, Uint8Array> {
  if (spec.genesis.raw) {
    const out = new Map<string, Uint8Array>()
    for (const [k, v] of Object.entries(spec.genesis.raw.top)) out.set(hexOf(hexToBytes(k)), hexToBytes(v))
    return out
  }
  return runtime.buildGenesis(effectiveGenesisConfig(spec))
}

/** `build-spec --raw`: the same spec with its genesis as raw storage. */
export function toRawSpec(spec: ChainSpec, runtime: Runtime): ChainSpec {
  if (spec.genesis.raw) return spec
  const top: Record<string, string> = {}
  const storage = genesisStorage(spec, runtime)
  for (const k of [...storage.keys()].sort()) top[k] = hexOf(storage.get(k)!)
  const build = runtimeBuildOf(spec)
  const drandKey = build.drandBeaconKey === undefined ? {} : { drandBeaconSecretKey: build.drandBeaconKey }
  return { ...spec, registrationRegime: build.registration, ...drandKey, genesis: { raw: { top, childrenDefault: {} } } }
}

/** `system_chainType` JSON: "Development", "Local", "Live" or {"custom": name}. */
export function chainTypeJson(t: ChainType): unknown {
  return typeof t === 'string' ? t : { custom: t.Custom }
}
