// macros/genesis.rs: root (netuid 0) and netuid 1 with its pool and one all-zero neuron, as every
// subtensor chain starts; plus what an emulator chain spec may add on top (extra subnets, storage
// overrides). The node moves `fundedAccounts` into Balances and reads `registrationRegime` for
// the runtime build before this runs.
import { pairFromUri } from '../../../frame/dev-keys.js'
import type { Store } from '../../../frame/declare/storage.js'
import { parseAccountId } from '../../system/lookup.js'
import { subtensorBuild } from '../build.js'
import { SubtensorStorage as S } from '../storage.js'
import { symbolForSubnet } from '../subnets/symbols.js'
import { defaultTempo, initNewNetwork, nextNetuid } from '../subnets/subnet.js'
import { appendNeuron } from '../subnets/uids.js'
import { currentBlock } from '../utils/misc.js'

export interface GenesisSubnet {
  /** Owner coldkey and hotkey (SS58 or hex); the hotkey becomes uid 0. */
  owner: string
  hotkey: string
  netuid?: number
  tempo?: number
  /** Pool reserves in RAO (both default to 10 TAO, as genesis netuid 1). */
  tao?: number | string
  alpha?: number | string
  /** `start_call` already done (FirstEmissionBlockNumber = 1, SubtokenEnabled). */
  started?: boolean
}

export interface SubtensorGenesisConfig {
  stakes?: unknown[]
  balancesIssuance?: number | string
  startCallDelay?: number | string | null
  registrationRegime?: string
  fundedAccounts?: unknown[]
  subnets?: GenesisSubnet[]
  /** StorageValue overrides by name, e.g. `{ "NetworkRateLimit": 0 }`. */
  globals?: Record<string, number | string | boolean>
  /** Per-netuid overrides of `NetUid`-keyed items, e.g. `{ "1": { "Difficulty": 1000 } }`. */
  hyperparameters?: Record<string, Record<string, number | string | boolean>>
}

const ZERO = new Uint8Array(32)
/** Alice and the hotkey of `//Alice_hk`: the root owner in the fast-runtime build. */
function aliceKeys(): { cold: Uint8Array; hot: Uint8Array } {
  return { cold: pairFromUri('//Alice').publicKey, hot: pairFromUri('//Alice_hk').publicKey }
}

/** `SafeFloat::from(u64)`: mantissa normalised into (10^20, 10^21]. */
export function safeFloatFromInt(v: bigint): { mantissa: bigint; exponent: bigint } {
  if (v === 0n) return { mantissa: 0n, exponent: 0n }
  let m = v
  let e = 0n
  while (m > 10n ** 21n) { m /= 10n; e++ }
  while (m <= 10n ** 20n) { m *= 10n; e-- }
  return { mantissa: m, exponent: e }
}

export function subtensorGenesis(s: Store, config: SubtensorGenesisConfig): void {
  if (config.stakes && config.stakes.length > 0) throw new Error('SubtensorModule genesis: `stakes` is not supported by the emulator')
  const fast = subtensorBuild().fastRuntime
  const alice = fast ? aliceKeys() : null
  S.TotalIssuance.set(s, BigInt(config.balancesIssuance ?? 0))
  if (config.startCallDelay !== undefined && config.startCallDelay !== null) S.StartCallDelay.set(s, BigInt(config.startCallDelay))

  // root
  S.NetworksAdded.set(s, 0, true)
  S.TotalNetworks.mutate(s, (n) => n + 1)
  S.SubnetOwner.set(s, 0, alice?.cold ?? ZERO)
  S.SubnetOwnerHotkey.set(s, 0, alice?.hot ?? ZERO)
  S.SubnetworkN.set(s, 0, 0)
  S.MaxAllowedUids.set(s, 0, 64)
  S.MaxAllowedValidators.set(s, 0, 64)
  S.MinAllowedWeights.set(s, 0, 0)
  S.Tempo.set(s, 0, 100)
  S.NetworkRegistrationAllowed.set(s, 0, true)
  S.TargetRegistrationsPerInterval.set(s, 0, 1)
  S.TokenSymbol.set(s, 0, symbolForSubnet(0))

  // netuid 1: a dynamic subnet owned by the all-zero account, which is also its uid 0
  const n1 = 1
  const hot = ZERO
  S.SubnetMechanism.set(s, n1, 1)
  S.Owner.set(s, hot, hot)
  S.SubnetAlphaIn.set(s, n1, 10_000_000_000n)
  S.SubnetTAO.set(s, n1, 10_000_000_000n)
  S.NetworksAdded.set(s, n1, true)
  S.TotalNetworks.mutate(s, (n) => n + 1)
  S.SubnetworkN.set(s, n1, 0)
  S.MaxAllowedUids.set(s, n1, 256)
  S.MaxAllowedValidators.set(s, n1, 64)
  S.MinAllowedWeights.set(s, n1, 0)
  S.Tempo.set(s, n1, 100)
  S.NetworkRegistrationAllowed.set(s, n1, true)
  S.SubnetOwner.set(s, n1, hot)
  S.SubnetLocked.set(s, n1, 1n)
  S.LargestLocked.set(s, n1, 1n)
  S.AlphaV2.set(s, [hot, hot, n1], safeFloatFromInt(1_000_000_000n))
  S.TotalHotkeyAlpha.set(s, hot, n1, 1_000_000_000n)
  S.TotalHotkeySharesV2.set(s, hot, n1, safeFloatFromInt(1_000_000_000n))
  S.SubnetAlphaOut.set(s, n1, 1_000_000_000n)
  const staking = S.StakingHotkeys.get(s, hot)
  if (!staking.some((k) => k.every((b, i) => b === hot[i]))) S.StakingHotkeys.set(s, hot, [...staking, hot])
  const block = currentBlock(s)
  S.SubnetworkN.set(s, n1, 1)
  S.Active.mutate(s, n1, (v) => [...v, true])
  S.Emission.mutate(s, n1, (v) => [...v, 0n])
  S.Consensus.mutate(s, n1, (v) => [...v, 0])
  S.Incentive.mutate(s, n1, (v) => [...v, 0])
  S.Dividends.mutate(s, n1, (v) => [...v, 0])
  S.LastUpdate.mutate(s, n1, (v) => [...v, block])
  S.ValidatorTrust.mutate(s, n1, (v) => [...v, 0])
  S.ValidatorPermit.mutate(s, n1, (v) => [...v, false])
  S.Keys.set(s, n1, 0, hot)
  S.Uids.set(s, n1, hot, 0)
  S.BlockAtRegistration.set(s, n1, 0, block)
  S.IsNetworkMember.set(s, hot, n1, true)
  S.TokenSymbol.set(s, n1, symbolForSubnet(n1))

  for (const sub of config.subnets ?? []) genesisSubnet(s, sub)
  for (const [name, v] of Object.entries(config.globals ?? {})) overrideValue(s, name, v)
  for (const [netuid, items] of Object.entries(config.hyperparameters ?? {})) {
    const n = Number(netuid)
    if (!Number.isInteger(n) || n < 0 || n > 0xffff || !S.NetworksAdded.get(s, n)) throw new Error(`SubtensorModule genesis: hyperparameters for unknown netuid ${netuid}`)
    for (const [name, v] of Object.entries(items)) overrideNetuid(s, n, name, v)
  }
}

/** An extra subnet at genesis: as register_network leaves it, with a pool but no lock paid. */
function genesisSubnet(s: Store, sub: GenesisSubnet): void {
  const netuid = sub.netuid ?? nextNetuid(s)
  if (netuid === 0 || S.NetworksAdded.get(s, netuid)) throw new Error(`SubtensorModule genesis: netuid ${netuid} already exists`)
  const cold = parseAccountId(sub.owner)
  const hot = parseAccountId(sub.hotkey)
  initNewNetwork(s, netuid, sub.tempo ?? defaultTempo())
  if (!S.Owner.contains(s, hot)) {
    S.Owner.set(s, hot, cold)
    S.OwnedHotkeys.mutate(s, cold, (v) => [...v, hot])
  }
  appendNeuron(s, netuid, hot, currentBlock(s))
  S.SubnetMechanism.set(s, netuid, 1)
  S.NetworkRegisteredAt.set(s, netuid, currentBlock(s))
  S.TokenSymbol.set(s, netuid, symbolForSubnet(netuid))
  S.SubnetTAO.set(s, netuid, BigInt(sub.tao ?? 10_000_000_000))
  S.SubnetAlphaIn.set(s, netuid, BigInt(sub.alpha ?? 10_000_000_000))
  S.SubnetOwner.set(s, netuid, cold)
  S.SubnetOwnerHotkey.set(s, netuid, hot)
  if (sub.started) {
    S.FirstEmissionBlockNumber.set(s, netuid, 1n)
    S.SubtokenEnabled.set(s, netuid, true)
  }
}

type Item = { decl: { keys: unknown[]; value: { def: { tag: string; prim?: string } } } }
function coerce(item: Item, name: string, v: number | string | boolean): unknown {
  const d = item.decl.value.def
  if (d.tag !== 'primitive') throw new Error(`SubtensorModule genesis: ${name} is not a plain number or bool`)
  if (d.prim === 'bool') return Boolean(v)
  return ['u64', 'u128', 'i64', 'i128'].includes(d.prim!) ? BigInt(v) : Number(v)
}

function overrideValue(s: Store, name: string, v: number | string | boolean): void {
  const item = (S as Record<string, unknown>)[name] as (Item & { set(s: Store, v: unknown): void }) | undefined
  if (!item || item.decl.keys.length !== 0) throw new Error(`SubtensorModule genesis: no storage value ${name}`)
  item.set(s, coerce(item, name, v))
}

function overrideNetuid(s: Store, netuid: number, name: string, v: number | string | boolean): void {
  const item = (S as Record<string, unknown>)[name] as (Item & { set(s: Store, k: number, v: unknown): void }) | undefined
  if (!item || item.decl.keys.length !== 1) throw new Error(`SubtensorModule genesis: no per-netuid item ${name}`)
  item.set(s, netuid, coerce(item, name, v))
}
