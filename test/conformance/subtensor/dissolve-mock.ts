// The set-up the dissolve ports share (tests/networks.rs, HEAD 14bc6f9): add_dynamic_network through
// register_network, remove_owner_registration_stake, and stake rows written as the ledger keeps them.
import { EXISTENTIAL_DEPOSIT, mint } from '../../../src/pallets/balances/index.js'
import { SafeFloat } from '../../../src/primitives/share-pool/index.js'
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { networkLockCost } from '../../../src/pallets/subtensor/subnets/network.js'
import type { Origin } from '../../../src/frame/primitives.js'
import { callHandler, errorOf, ROOT, signed } from '../../../src/pallets/test-utils.js'
import { Mock, u256 } from './mock.js'

export const se = (e: () => unknown): unknown => errorOf(e())
export const fund = (m: Mock, who: Uint8Array, amount: bigint) => mint(m.s, { depositEvent: (e) => m.env.depositEvent(e) }, who, amount)
export const call = (m: Mock, name: string, origin: Origin, args: Record<string, unknown>) => callHandler(m.env, 'SubtensorModule', name, origin, args)
export const dissolve = (m: Mock, netuid: number) => call(m, 'dissolve_network', ROOT, { coldkey: u256(0), netuid })
export const sf = (v: bigint) => { const f = SafeFloat.fromU64(v); return { mantissa: f.mantissa, exponent: f.exponent } }

export function ext(): Mock {
  const m = new Mock()
  S.NetworkRateLimit.set(m.s, 0n)
  return m
}
/** add_dynamic_network: register_network through the call, the lock paid into the subnet account. */
export function addDynamicNetwork(m: Mock, hot: Uint8Array, cold: Uint8Array): number {
  fund(m, cold, networkLockCost(m.s) * 2n + EXISTENTIAL_DEPOSIT)
  call(m, 'register_network', signed(cold), { hotkey: hot })
  return [...S.SubnetOwnerHotkey.iter(m.s)].find(([, h]) => h.every((b, i) => b === hot[i]))![0]
}
/** remove_owner_registration_stake: the pool's alpha out to the owner is zeroed. */
export function removeOwnerRegistrationStake(m: Mock, netuid: number): void {
  for (const [[h, c, n]] of [...S.AlphaV2.iter(m.s)]) if (n === netuid) S.AlphaV2.remove(m.s, h, c, n)
  for (const [h, n] of [...S.TotalHotkeyAlpha.iter(m.s)]) if (n === netuid) S.TotalHotkeyAlpha.remove(m.s, h, n)
  S.SubnetAlphaOut.set(m.s, netuid, 0n)
}
export const stake = (m: Mock, hot: Uint8Array, cold: Uint8Array, netuid: number, alpha: bigint) => {
  S.AlphaV2.set(m.s, [hot, cold, netuid], sf(alpha))
  S.TotalHotkeyAlpha.set(m.s, hot, netuid, alpha)
}
