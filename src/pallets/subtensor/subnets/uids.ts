// subnets/uids.rs: a neuron's slot — appended at the end of the subnet or replacing another.
import { encode } from '../../../codec/scale.js'
import type { Ty } from '../../../codec/types.js'
import type { Store } from '../../../frame/declare/storage.js'
import { SubtensorStorage as S } from '../storage.js'
import { mechanismIndices, setActiveForUid, setElementAt, setLastUpdateForUid } from '../utils/misc.js'

/** `append_neuron`: the next uid, every per-uid vector extended (LastUpdate only set where it exists, as the chain does). */
export function appendNeuron(s: Store, netuid: number, hotkey: Uint8Array, block: bigint): number {
  const uid = S.SubnetworkN.get(s, netuid)
  S.SubnetworkN.set(s, netuid, Math.min(uid + 1, 0xffff))
  // Substrate's `append`: the element joins the encoded Vec in the overlay (the bytes of
  // `mutate(|v| v.push(x))`), without decoding or copying the 256-element vectors.
  const e = newUidElements()
  s.append(S.Active.key(netuid), e.active)
  s.append(S.Emission.key(netuid), e.emission)
  s.append(S.Consensus.key(netuid), e.consensus)
  for (const idx of mechanismIndices(s, netuid)) {
    s.append(S.Incentive.key(idx), e.incentive)
    appendLastUpdate(s, idx, uid, block)
  }
  s.append(S.Dividends.key(netuid), e.dividends)
  s.append(S.ValidatorTrust.key(netuid), e.validatorTrust)
  s.append(S.ValidatorPermit.key(netuid), e.validatorPermit)
  S.Keys.set(s, netuid, uid, hotkey)
  S.Uids.set(s, netuid, hotkey, uid)
  S.BlockAtRegistration.set(s, netuid, uid, block)
  S.IsNetworkMember.set(s, hotkey, netuid, true)
  return uid
}

/** A new uid's entry in each per-uid vector, SCALE-encoded as the vector's element type. */
interface UidElements { active: Uint8Array; emission: Uint8Array; consensus: Uint8Array; incentive: Uint8Array; dividends: Uint8Array; validatorTrust: Uint8Array; validatorPermit: Uint8Array }
let uidElements: UidElements | undefined

function newUidElements(): UidElements {
  const el = (item: { decl: { value: Ty } }, v: unknown): Uint8Array => encode((item.decl.value.def as { of: Ty }).of, v)
  return uidElements ??= {
    active: el(S.Active, true), emission: el(S.Emission, 0n), consensus: el(S.Consensus, 0), incentive: el(S.Incentive, 0),
    dividends: el(S.Dividends, 0), validatorTrust: el(S.ValidatorTrust, 0), validatorPermit: el(S.ValidatorPermit, false),
  }
}

/**
 * `set_last_update_for_uid` for the uid just appended. When the stored vector holds exactly the
 * uids before it (as every append keeps it), padding it to SubnetworkN and setting the last entry
 * is a push; anything else (a shorter vector, padded with zeros) takes the chain's path.
 */
function appendLastUpdate(s: Store, idx: number, uid: number, block: bigint): void {
  const key = S.LastUpdate.key(idx)
  const shape = s.vecShape(key)
  if (shape !== null && shape.count === uid && shape.bytes === uid * 8) { s.append(key, encode((S.LastUpdate.decl.value.def as { of: Ty }).of, block)); return }
  setLastUpdateForUid(s, idx, uid, block)
}

/** `clear_neuron`: zero the uid's entries, drop its weights and bonds and others' weights to it. */
export function clearNeuron(s: Store, netuid: number, uid: number): void {
  S.Emission.mutate(s, netuid, (v) => setElementAt(v, uid, 0n))
  S.Consensus.mutate(s, netuid, (v) => setElementAt(v, uid, 0))
  for (const idx of mechanismIndices(s, netuid)) {
    S.Incentive.mutate(s, idx, (v) => setElementAt(v, uid, 0))
    S.Bonds.remove(s, idx, uid)
    S.Weights.remove(s, idx, uid)
    for (const [row, weights] of [...S.Weights.iterPrefix(s, idx)]) {
      for (const w of weights) if (w[0] === uid) w[1] = 0
      // The chain's `mutate` writes every row back, changed or not.
      S.Weights.set(s, idx, row, weights)
    }
  }
  S.Dividends.mutate(s, netuid, (v) => setElementAt(v, uid, 0))
  S.StakeWeight.mutate(s, netuid, (v) => setElementAt(v, uid, 0))
  S.ValidatorTrust.mutate(s, netuid, (v) => setElementAt(v, uid, 0))
  S.ValidatorPermit.mutate(s, netuid, (v) => setElementAt(v, uid, false))
}

/** `replace_neuron`: the subnet owner's hotkey is never replaced. */
export function replaceNeuron(s: Store, netuid: number, uid: number, hotkey: Uint8Array, block: bigint): void {
  const old = S.Keys.get(s, netuid, uid)
  if (S.SubnetOwnerHotkey.contains(s, netuid) && equal(S.SubnetOwnerHotkey.get(s, netuid), old)) return
  S.Uids.remove(s, netuid, old)
  S.AssociatedEvmAddress.remove(s, netuid, uid)
  S.IsNetworkMember.remove(s, old, netuid)
  S.Keys.remove(s, netuid, uid)
  setActiveForUid(s, netuid, uid, true)
  S.Keys.set(s, netuid, uid, hotkey)
  S.Uids.set(s, netuid, hotkey, uid)
  S.BlockAtRegistration.set(s, netuid, uid, block)
  S.IsNetworkMember.set(s, hotkey, netuid, true)
  S.Axons.remove(s, netuid, old)
  S.NeuronCertificates.remove(s, netuid, old)
  S.Prometheus.remove(s, netuid, old)
  clearNeuron(s, netuid, uid)
  for (const idx of mechanismIndices(s, netuid)) setLastUpdateForUid(s, idx, uid, block)
}

export const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])
