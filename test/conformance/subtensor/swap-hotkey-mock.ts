// The set-up the swap_hotkey ports share (tests/swap_hotkey.rs, HEAD 14bc6f9): the mock's networks,
// the keys, and the swap entry points (perform_hotkey_swap_on_all_subnets, swap_hotkey_v2).
import { mint } from '../../../src/pallets/balances/index.js'
import { SubtensorConstants, SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { initNewNetwork } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { appendNeuron } from '../../../src/pallets/subtensor/subnets/uids.js'
import { Weigher } from '../../../src/pallets/subtensor/swap/common.js'
import { performHotkeySwapOnAllSubnets } from '../../../src/pallets/subtensor/swap/swap-hotkey.js'
import { callHandler, errorOf, failsUntouched, signed } from '../../../src/pallets/test-utils.js'
import { SafeFloat } from '../../../src/primitives/share-pool/index.js'
import { Mock, u256 } from './mock.js'

export const sf = (v: bigint) => { const f = SafeFloat.fromU64(v); return { mantissa: f.mantissa, exponent: f.exponent } }

export const [OLD, NEW, COLD] = [u256(1), u256(2), u256(3)]
export const se = (e: () => unknown): unknown => errorOf(e())
export const KEY_SWAP_COST = SubtensorConstants.KeySwapCost

export function ext(): Mock { return new Mock() }
/** tests/mock.rs add_network: init_new_network, registration allowed. */
export function addNetwork(m: Mock, netuid: number): void {
  initNewNetwork(m.s, netuid, 1)
  S.NetworkRegistrationAllowed.set(m.s, netuid, true)
}
/** add_dynamic_network as far as the swap sees it: a pool, owner keys, the owner hotkey at uid 0. */
export function addDynamicNetwork(m: Mock, hotkey: Uint8Array, coldkey: Uint8Array): number {
  let netuid = 1
  while (S.NetworksAdded.contains(m.s, netuid)) netuid++
  addNetwork(m, netuid)
  S.SubnetMechanism.set(m.s, netuid, 1)
  S.SubnetOwner.set(m.s, netuid, coldkey)
  S.SubnetOwnerHotkey.set(m.s, netuid, hotkey)
  S.Owner.set(m.s, hotkey, coldkey)
  S.OwnedHotkeys.set(m.s, coldkey, [hotkey])
  appendNeuron(m.s, netuid, hotkey, BigInt(m.block))
  return netuid
}
export const fund = (m: Mock, who: Uint8Array, amount: bigint) => mint(m.s, { depositEvent: (e) => m.env.depositEvent(e) }, who, amount)
export const swapAll = (m: Mock, coldkey = COLD, keep = false) => performHotkeySwapOnAllSubnets({ origin: signed(coldkey), s: m.s, env: m.env }, OLD, NEW, coldkey, new Weigher(), keep)
export const swap = (m: Mock, coldkey: Uint8Array, old: Uint8Array, nw: Uint8Array, netuid: number | null, keep = false) =>
  callHandler(m.env, 'SubtensorModule', 'swap_hotkey_v2', signed(coldkey), { hotkey: old, new_hotkey: nw, netuid, keep_stake: keep })
export const swapFails = (m: Mock, coldkey: Uint8Array, old: Uint8Array, nw: Uint8Array, netuid: number | null) =>
  errorOf(failsUntouched(m.s, () => swap(m, coldkey, old, nw, netuid)))
