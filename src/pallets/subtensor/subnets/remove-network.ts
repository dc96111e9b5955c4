// coinbase/root.rs `remove_network` (HEAD): every item keyed by the subnet goes, in the chain's
// order: membership, uids and keys, root weights pointing at it, hyperparameters, pool accounting,
// per-mechanism vectors and commits, identity, child/parent edges, rate-limit rows, leases, locks.
import type { CallCtx } from '../../../frame/declare/pallet.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorEvents as Ev } from '../macros/events.js'
import { SubtensorStorage as S } from '../storage.js'
import { mechanismStorageIndex } from '../utils/misc.js'
import { destroyLockMaps } from './dissolve.js'

type Removable = { remove(s: Store, k: number): void }

/** Per-subnet maps removed in steps 9-18 (NetUid-keyed, single key), in the chain's order. */
const NETUID_ITEMS = [
  'Active', 'Emission', 'Consensus', 'Dividends', 'ValidatorPermit', 'ValidatorTrust',
] as const
const PARAMETERS = [
  'Tempo', 'Kappa', 'Difficulty', 'MaxAllowedUids', 'ImmunityPeriod', 'ActivityCutoff', 'ActivityCutoffFactorMilli',
  'LastEpochBlock', 'PendingEpochAt', 'SubnetEpochIndex', 'MinAllowedWeights', 'RegistrationsThisInterval',
  'POWRegistrationsThisInterval', 'BurnRegistrationsThisInterval',
  'SubnetAlphaInEmission', 'SubnetAlphaOutEmission', 'SubnetTaoInEmission', 'SubnetVolume', 'SubnetMovingPrice',
  'SubnetTaoFlow', 'SubnetEmaTaoFlow', 'SubnetProtocolFlow', 'SubnetEmaProtocolFlow', 'SubnetExcessTao', 'SubnetRootSellTao',
  'TokenSymbol', 'SubnetMechanism', 'SubnetOwnerHotkey', 'NetworkRegistrationAllowed', 'NetworkPowRegistrationAllowed',
  'TransferToggle', 'SubnetLocked', 'LargestLocked',
  'FirstEmissionBlockNumber', 'PendingValidatorEmission', 'PendingServerEmission', 'PendingRootAlphaDivs', 'PendingOwnerCut',
  'MinerBurned', 'BlocksSinceLastStep', 'LastMechansimStepBlock', 'LastAdjustmentBlock',
  'ServingRateLimit', 'Rho', 'AlphaSigmoidSteepness', 'MaxAllowedValidators', 'BondsMovingAverage', 'BondsPenalty',
  'BondsResetOn', 'WeightsSetRateLimit', 'ValidatorPruneLen', 'ScalingLawPower', 'TargetRegistrationsPerInterval',
  'CommitRevealWeightsEnabled', 'BurnHalfLife', 'BurnIncreaseMult', 'Burn', 'MinBurn', 'MaxBurn', 'MinDifficulty',
  'MaxDifficulty', 'RegistrationsThisBlock', 'EMAPriceHalvingBlocks', 'RAORecycledForRegistration',
  'MaxRegistrationsPerBlock', 'WeightsVersionKey',
  'LiquidAlphaOn', 'Yuma3On', 'AlphaValues', 'SubtokenEnabled', 'OwnerCutAutoLockEnabled', 'ImmuneOwnerUidsLimit',
  'StakeWeight', 'LoadedEmission',
] as const
/** Double maps whose first key is the netuid (step 19). */
const NETUID_PREFIXED = [
  'BlockAtRegistration', 'Axons', 'NeuronCertificates', 'Prometheus', 'AlphaDividendsPerSubnet', 'PendingChildKeys', 'AssociatedEvmAddress',
] as const
/** Double maps keyed (account, netuid) (step 21): iterated, the subnet's rows removed. */
const ACCOUNT_NETUID = ['ChildkeyTake', 'ChildKeys', 'ParentKeys', 'LastHotkeyEmissionOnNetuid', 'TotalHotkeyAlphaLastEpoch'] as const

const item = (name: string): Removable => (S as unknown as Record<string, Removable>)[name]!

export function removeNetwork(ctx: CallCtx, netuid: number): void {
  const { s } = ctx
  S.SubnetOwner.remove(s, netuid)
  S.SubnetworkN.remove(s, netuid)
  S.NetworksAdded.remove(s, netuid)
  S.TotalNetworks.mutate(s, (n) => (n > 0 ? n - 1 : 0))
  S.NetworkRegisteredAt.remove(s, netuid)
  S.Uids.clearPrefix(s, netuid)
  const keys = [...S.Keys.iterPrefix(s, netuid)]
  S.Keys.clearPrefix(s, netuid)
  // root's weights on this subnet become 0 (every row is written back)
  for (const [uid, weights] of [...S.Weights.iterPrefix(s, 0)]) {
    S.Weights.set(s, 0, uid, weights.map(([target, w]) => [target, target === netuid ? 0 : w] as [number, number]))
  }
  for (const name of NETUID_ITEMS) item(name).remove(s, netuid)
  for (const [, hotkey] of keys) S.IsNetworkMember.remove(s, hotkey, netuid)
  for (const name of PARAMETERS) item(name).remove(s, netuid)
  for (const name of NETUID_PREFIXED) (S[name] as unknown as { clearPrefix(s: Store, k: number): number }).clearPrefix(s, netuid)
  const mechanisms = S.MechanismCountCurrent.get(s, netuid)
  for (let mecid = 0; mecid < mechanisms; mecid++) {
    const idx = mechanismStorageIndex(netuid, mecid)
    S.LastUpdate.remove(s, idx)
    S.Incentive.remove(s, idx)
    for (const m of [S.WeightCommits, S.TimelockedWeightCommits, S.CRV3WeightCommits, S.CRV3WeightCommitsV2, S.Bonds, S.Weights] as const) {
      (m as unknown as { clearPrefix(s: Store, k: number): number }).clearPrefix(s, idx)
    }
  }
  S.RevealPeriodEpochs.remove(s, netuid)
  S.MechanismCountCurrent.remove(s, netuid)
  S.MechanismEmissionSplit.remove(s, netuid)
  S.LastHotkeySwapOnNetuid.clearPrefix(s, netuid)
  if (S.SubnetIdentitiesV3.contains(s, netuid)) {
    S.SubnetIdentitiesV3.remove(s, netuid)
    Ev.SubnetIdentityRemoved.emit(ctx.env, netuid)
  }
  for (const name of ACCOUNT_NETUID) {
    const m = S[name] as unknown as { iter(s: Store): Iterable<[Uint8Array, number, unknown]>; remove(s: Store, a: Uint8Array, n: number): void }
    for (const [account, n] of [...m.iter(s)]) if (n === netuid) m.remove(s, account, netuid)
  }
  for (const [[hot, n, name]] of [...S.TransactionKeyLastBlock.iter(s)]) if (n === netuid) S.TransactionKeyLastBlock.remove(s, hot, netuid, name)
  const lease = S.SubnetUidToLeaseId.get(s, netuid)
  if (lease !== null) {
    S.SubnetUidToLeaseId.remove(s, netuid)
    S.SubnetLeases.remove(s, lease)
    S.SubnetLeaseShares.clearPrefix(s, lease)
    S.AccumulatedLeaseDividends.remove(s, lease)
  }
  destroyLockMaps(s, netuid)
}
