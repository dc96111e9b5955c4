// subnets/subnet.rs: a subnet's existence and its initial hyperparameters.
import { decode } from '../../../codec/scale.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { currentBlock } from '../utils/misc.js'

/** DefaultNeuronBurnCost: 1 TAO, the burn every new subnet starts with. */
export const DEFAULT_NEURON_BURN_COST = 1_000_000_000n

/** DefaultTempo: InitialTempo of the build (360, or 10 under fast-runtime). */
export const defaultTempo = (): number => decode<number>(S.Tempo.decl.value, S.Tempo.decl.fallback)

/** `get_next_netuid`: the lowest unused netuid above root. */
export function nextNetuid(s: Store): number {
  const used = new Set([...S.NetworksAdded.iterKeys(s)])
  let n = 1
  while (used.has(n)) n++
  return n
}

/** What both versions of `init_new_network` write first. */
function initCommon(s: Store, netuid: number, tempo: number): void {
  S.SubnetworkN.set(s, netuid, 0)
  S.NetworksAdded.set(s, netuid, true)
  S.Tempo.set(s, netuid, tempo)
  S.TotalNetworks.mutate(s, (n) => Math.min(n + 1, 0xffff))
  S.NetworkRegistrationAllowed.set(s, netuid, true)
  S.MaxAllowedUids.set(s, netuid, 256)
  S.MaxAllowedValidators.set(s, netuid, 64)
  S.MinAllowedWeights.set(s, netuid, 1)
  S.ImmunityPeriod.set(s, netuid, 5000)
}

/** `init_new_network` (HEAD): what every new subnet starts with. */
export function initNewNetwork(s: Store, netuid: number, tempo: number): void {
  initCommon(s, netuid, tempo)
  const now = currentBlock(s)
  const period = BigInt(Math.max(tempo, 1))
  const stagger = BigInt(netuid) % period
  S.LastEpochBlock.set(s, netuid, now > stagger ? now - stagger : 0n)
  S.Yuma3On.set(s, netuid, true)
  S.Burn.set(s, netuid, DEFAULT_NEURON_BURN_COST)
  S.SubnetEmissionEnabled.set(s, netuid, true)
  // The chain makes these explicit (default values written) so they are iterable.
  if (!S.Kappa.contains(s, netuid)) S.Kappa.set(s, netuid, S.Kappa.get(s, netuid))
  if (!S.ActivityCutoff.contains(s, netuid)) S.ActivityCutoff.set(s, netuid, S.ActivityCutoff.get(s, netuid))
  if (!S.RegistrationsThisInterval.contains(s, netuid)) S.RegistrationsThisInterval.set(s, netuid, S.RegistrationsThisInterval.get(s, netuid))
}

/** `init_new_network` as v3.3.13 had it (the classic regime's subnets): PoW bounds at u64::MAX. */
export function initNewNetworkClassic(s: Store, netuid: number, tempo: number): void {
  initCommon(s, netuid, tempo)
  S.AdjustmentInterval.set(s, netuid, 360)
  S.TargetRegistrationsPerInterval.set(s, netuid, 1)
  // 0.97 × u64::MAX
  S.AdjustmentAlpha.set(s, netuid, 17_893_341_751_498_265_066n)
  S.MinDifficulty.set(s, netuid, U64_MAX)
  S.MaxDifficulty.set(s, netuid, U64_MAX)
  for (const item of [S.Kappa, S.ActivityCutoff, S.RegistrationsThisInterval, S.POWRegistrationsThisInterval, S.BurnRegistrationsThisInterval] as const) {
    const it = item as unknown as { contains(s: Store, k: number): boolean; get(s: Store, k: number): unknown; set(s: Store, k: number, v: unknown): void }
    if (!it.contains(s, netuid)) it.set(s, netuid, it.get(s, netuid))
  }
  if (!S.Difficulty.contains(s, netuid)) S.Difficulty.set(s, netuid, S.Difficulty.get(s, netuid))
}

const U64_MAX = (1n << 64n) - 1n
