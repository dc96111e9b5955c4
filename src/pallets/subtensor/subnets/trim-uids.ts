// subnets/uids.rs `trim_to_max_allowed_uids` (HEAD): lower MaxAllowedUids and, when the subnet is
// fuller than that, drop the lowest emitters (never the owner's immune uids or neurons still in
// their immunity period), then compress the survivors to uids 0..max_n, remapping every per-uid
// vector, map and weight/bond edge.
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorConstants } from '../macros/config.js'
import { SubtensorErrors as E } from '../macros/errors.js'
import { SubtensorStorage as S } from '../storage.js'
import { currentBlock, ifSubnetExist, mechanismStorageIndex } from '../utils/misc.js'
import { immuneOwnerUids } from './registration.js'

type UidMap<V> = { contains(s: Store, a: number, b: number): boolean; get(s: Store, a: number, b: number): V; set(s: Store, a: number, b: number, v: V): void; remove(s: Store, a: number, b: number): void }

/** StorageDoubleMap::swap: the two entries trade places (a missing one moves the other). */
function swapEntries<V>(s: Store, m: UidMap<V>, k1: number, a: number, b: number): void {
  if (a === b) return
  const va = m.contains(s, k1, a) ? m.get(s, k1, a) : null
  const vb = m.contains(s, k1, b) ? m.get(s, k1, b) : null
  if (vb === null) m.remove(s, k1, a); else m.set(s, k1, a, vb)
  if (va === null) m.remove(s, k1, b); else m.set(s, k1, b, va)
}

/** `get_neuron_is_immune`. */
const neuronIsImmune = (s: Store, netuid: number, uid: number): boolean =>
  currentBlock(s) - S.BlockAtRegistration.get(s, netuid, uid) < BigInt(S.ImmunityPeriod.get(s, netuid))

export function trimToMaxAllowedUids(s: Store, netuid: number, maxN: number): void {
  if (!ifSubnetExist(s, netuid)) throw E.SubnetNotExists()
  if (maxN < S.MinAllowedUids.get(s, netuid) || maxN > S.MaxAllowedUids.get(s, netuid)) throw E.InvalidValue()
  S.MaxAllowedUids.set(s, netuid, maxN)
  const currentN = S.SubnetworkN.get(s, netuid)
  if (currentN <= maxN) return
  const ownerUids = new Set(immuneOwnerUids(s, netuid, S.SubnetOwner.get(s, netuid)).map(([uid]) => uid))
  const immune = (uid: number) => ownerUids.has(uid) || neuronIsImmune(s, netuid, uid)
  let immuneCount = 0
  for (let uid = 0; uid < currentN; uid++) if (immune(uid)) immuneCount++
  // Percent::from_rational rounds down (and is 100% past 1)
  const percent = maxN === 0 ? 100 : Math.min(100, Math.floor((immuneCount * 100) / maxN))
  if (percent >= SubtensorConstants.MaxImmuneUidsPercentage) throw E.TrimmingWouldExceedMaxImmunePercentage()

  // highest emission first; ties keep uid order (a stable sort)
  const emissions: [number, bigint][] = S.Emission.get(s, netuid).map((e, uid) => [uid, e])
  emissions.sort((a, b) => (a[1] === b[1] ? 0 : a[1] > b[1] ? -1 : 1))
  const mechanisms = S.MechanismCountCurrent.get(s, netuid)
  const indices = Array.from({ length: mechanisms }, (_, m) => mechanismStorageIndex(netuid, m))
  let left = currentN
  for (let i = currentN - 1; i >= 0; i--) {
    if (left === maxN) break
    const entry = emissions[i]
    if (!entry) continue
    const uid = entry[0]
    if (immune(uid)) continue
    if (S.Keys.contains(s, netuid, uid)) {
      const hotkey = S.Keys.get(s, netuid, uid)
      S.Uids.remove(s, netuid, hotkey)
      S.IsNetworkMember.remove(s, hotkey, netuid)
      S.LastHotkeyEmissionOnNetuid.remove(s, hotkey, netuid)
      S.AlphaDividendsPerSubnet.remove(s, netuid, hotkey)
      S.Axons.remove(s, netuid, hotkey)
      S.NeuronCertificates.remove(s, netuid, hotkey)
      S.Prometheus.remove(s, netuid, hotkey)
    }
    S.Keys.remove(s, netuid, uid)
    S.BlockAtRegistration.remove(s, netuid, uid)
    S.AssociatedEvmAddress.remove(s, netuid, uid)
    for (const idx of indices) {
      S.Weights.remove(s, idx, uid)
      S.Bonds.remove(s, idx, uid)
    }
    emissions.splice(i, 1)
    left--
  }

  emissions.sort((a, b) => a[0] - b[0])
  const kept = emissions.map(([uid]) => uid)
  const pick = <V>(v: V[], zero: V): V[] => kept.map((uid) => v[uid] ?? zero)
  S.Emission.set(s, netuid, emissions.map(([, e]) => e))
  S.Active.set(s, netuid, pick(S.Active.get(s, netuid), false))
  S.Consensus.set(s, netuid, pick(S.Consensus.get(s, netuid), 0))
  S.Dividends.set(s, netuid, pick(S.Dividends.get(s, netuid), 0))
  S.ValidatorTrust.set(s, netuid, pick(S.ValidatorTrust.get(s, netuid), 0))
  S.ValidatorPermit.set(s, netuid, pick(S.ValidatorPermit.get(s, netuid), false))
  S.StakeWeight.set(s, netuid, pick(S.StakeWeight.get(s, netuid), 0))
  for (const idx of indices) {
    S.Incentive.set(s, idx, pick(S.Incentive.get(s, idx), 0))
    S.LastUpdate.set(s, idx, pick(S.LastUpdate.get(s, idx), 0n))
  }

  const oldToNew = new Map(kept.map((old, i) => [old, i]))
  const remap = (edges: [number, number][]): [number, number][] =>
    edges.filter(([target]) => oldToNew.has(target)).map(([target, w]) => [oldToNew.get(target)!, w])
  for (const [oldUid, newUid] of oldToNew) {
    swapEntries(s, S.Keys, netuid, oldUid, newUid)
    swapEntries(s, S.AssociatedEvmAddress as unknown as UidMap<unknown>, netuid, oldUid, newUid)
    swapEntries(s, S.BlockAtRegistration, netuid, oldUid, newUid)
    for (const idx of indices) {
      swapEntries(s, S.Weights, idx, oldUid, newUid)
      S.Weights.set(s, idx, newUid, remap(S.Weights.get(s, idx, newUid)))
      swapEntries(s, S.Bonds, idx, oldUid, newUid)
      S.Bonds.set(s, idx, newUid, remap(S.Bonds.get(s, idx, newUid)))
    }
  }
  S.Uids.clearPrefix(s, netuid)
  for (const newUid of oldToNew.values()) S.Uids.set(s, netuid, S.Keys.get(s, netuid, newUid), newUid)
  S.SubnetworkN.set(s, netuid, maxN)
}
