// The Swap pallet's view of SubtensorModule (`T::SubnetInfo`, `T::TaoReserve`, `T::AlphaReserve`
// in the runtime's Config): the pool reserves are SubtensorModule's SubnetTAO / SubnetAlphaIn.
import type { Store } from '../../frame/declare/storage.js'
import type { OrderKind } from '../../primitives/swap-interface/index.js'
import { SubtensorStorage as S } from '../subtensor/storage.js'

export const taoReserve = (s: Store, netuid: number): bigint => S.SubnetTAO.get(s, netuid)
export const alphaReserve = (s: Store, netuid: number): bigint => S.SubnetAlphaIn.get(s, netuid)
export const mechanism = (s: Store, netuid: number): number => S.SubnetMechanism.get(s, netuid)
export const subnetExists = (s: Store, netuid: number): boolean => S.NetworksAdded.get(s, netuid)

/** `Order::ReserveIn`: the reserve the paid-in token joins. */
export const reserveIn = (s: Store, netuid: number, kind: OrderKind): bigint =>
  kind === 'GetAlphaForTao' ? taoReserve(s, netuid) : alphaReserve(s, netuid)
/** `Order::ReserveOut`: the reserve the paid-out token leaves. */
export const reserveOut = (s: Store, netuid: number, kind: OrderKind): bigint =>
  kind === 'GetAlphaForTao' ? alphaReserve(s, netuid) : taoReserve(s, netuid)

/** `TokenReserve::decrease_provided` of both reserves (SubtensorModule's `decrease_provided_*_reserve`). */
export function decreaseProvided(s: Store, netuid: number, tao: bigint, alpha: bigint): void {
  if (tao !== 0n) S.SubnetTAO.mutate(s, netuid, (v) => (v > tao ? v - tao : 0n))
  if (alpha !== 0n) S.SubnetAlphaIn.mutate(s, netuid, (v) => (v > alpha ? v - alpha : 0n))
}
