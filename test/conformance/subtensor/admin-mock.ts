// The admin-utils test mock (pallets/admin-utils/src/tests/mock.rs): admin freeze window 1,
// networks from init_new_network, and the call helpers the AdminUtils ports share.
import { SubtensorStorage as S } from '../../../src/pallets/subtensor/index.js'
import { initNewNetwork } from '../../../src/pallets/subtensor/subnets/subnet.js'
import { AdminUtilsErrors } from '../../../src/pallets/admin-utils/index.js'
import { callHandler, errorOf, failsUntouched } from '../../../src/pallets/test-utils.js'
import type { Origin } from '../../../src/frame/primitives.js'
import { Mock } from './mock.js'

export const AU = 19
export const SM = 7
/** AdminUtils' error by name, as a DispatchError value. */
export const auErr = (name: keyof typeof AdminUtilsErrors): unknown => errorOf(AdminUtilsErrors[name]())
export const BAD_ORIGIN = { type: 'BadOrigin' }

export function adminMock(): Mock {
  const m = new Mock()
  S.AdminFreezeWindow.set(m.s, 1)
  return m
}
export function addNetwork(m: Mock, netuid: number, tempo: number): void {
  initNewNetwork(m.s, netuid, tempo)
  S.NetworkRegistrationAllowed.set(m.s, netuid, true)
  S.FirstEmissionBlockNumber.set(m.s, netuid, 1n)
  S.SubtokenEnabled.set(m.s, netuid, true)
}
export const call = (m: Mock, name: string, origin: Origin, args: Record<string, unknown>) => callHandler(m.env, 'AdminUtils', name, origin, args)
export const fails = (m: Mock, name: string, origin: Origin, args: Record<string, unknown>) => errorOf(failsUntouched(m.s, () => call(m, name, origin, args)))
