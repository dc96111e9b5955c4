// The dev chain the block benches run on: genesis/dev.json with netuids 2…`subnets` added (owned
// by Alice, Bob's hotkey) and started, netuid 1 started too, in the given registration regime.
import { devSpecWith } from '../../test/e2e/node-process.js'

export const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
export const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'

/** The chain-spec path (a temporary file) for `subnets` started subnets, netuid 1 included. */
export function startedSubnetsSpec(subnets: number, regime: 'classic' | 'current'): string {
  return devSpecWith((st) => {
    st.registrationRegime = regime
    st.subnets = Array.from({ length: subnets - 1 }, (_, i) => ({ netuid: i + 2, owner: ALICE, hotkey: BOB, started: true }))
    const hyper = (st.hyperparameters ?? {}) as Record<string, Record<string, unknown>>
    st.hyperparameters = { ...hyper, 1: { ...hyper['1'], SubtokenEnabled: true, FirstEmissionBlockNumber: 1 } }
  })
}
