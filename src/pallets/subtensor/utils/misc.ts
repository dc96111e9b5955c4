// utils/misc.rs and subnets/mechanism.rs helpers the other topics share.
import type { Store } from '../../../frame/declare/storage.js'
import { blockNumber } from '../../system/index.js'
import { SubtensorStorage as S } from '../storage.js'

/** GLOBAL_MAX_SUBNET_COUNT: a mechanism's storage index is `mecid × 4096 + netuid`. */
export const GLOBAL_MAX_SUBNET_COUNT = 4096

export const currentBlock = (s: Store): bigint => BigInt(blockNumber(s))

export const mechanismStorageIndex = (netuid: number, mecid: number): number =>
  Math.min(mecid * GLOBAL_MAX_SUBNET_COUNT + netuid, 0xffff)

/** The storage indices of every mechanism the subnet has (`0..MechanismCountCurrent`). */
export function mechanismIndices(s: Store, netuid: number): number[] {
  const n = S.MechanismCountCurrent.get(s, netuid)
  return Array.from({ length: n }, (_, mecid) => mechanismStorageIndex(netuid, mecid))
}

/** `set_element_at`: writes only inside the vector (never grows it). */
export function setElementAt<V>(v: V[], index: number, value: V): V[] {
  if (index < v.length) v[index] = value
  return v
}

/** `get_last_update`: the stored vector, padded with zeros to the subnet's size. */
export function getLastUpdate(s: Store, netuidIndex: number): bigint[] {
  const v = S.LastUpdate.get(s, netuidIndex)
  const n = S.SubnetworkN.get(s, netuidIndex % GLOBAL_MAX_SUBNET_COUNT)
  while (v.length < n) v.push(0n)
  return v
}

/** `set_last_update_for_uid`: on the padded vector (get_last_update), so a new uid's entry is written. */
export function setLastUpdateForUid(s: Store, netuidIndex: number, uid: number, block: bigint): void {
  const v = getLastUpdate(s, netuidIndex)
  if (uid >= v.length) return
  v[uid] = block
  S.LastUpdate.set(s, netuidIndex, v)
}

export function setActiveForUid(s: Store, netuid: number, uid: number, active: boolean): void {
  const v = S.Active.get(s, netuid)
  if (uid >= v.length) return
  v[uid] = active
  S.Active.set(s, netuid, v)
}

export const ifSubnetExist = (s: Store, netuid: number): boolean => S.NetworksAdded.get(s, netuid)
