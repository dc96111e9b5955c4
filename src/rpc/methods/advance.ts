// Tempo-aware time control: subtensor_advanceEpochs(netuid, k) builds blocks until k epochs of the
// subnet have run and returns their blocks; subtensor_advanceToEpochEnd(netuid) stops on the last
// block before the subnet's next epoch. An epoch is seen in what it writes (spec 425's schedule:
// SubnetEpochIndex and LastEpochBlock; the mechanism step's LastMechansimStepBlock), so these work
// with whichever scheduling the runtime has. Blocks are built as dev_newBlock builds them.
import { hexOf } from '../../codec/bytes.js'
import type { NodeContext } from '../../node/context.js'
import { nextEpochStartBlock } from '../../pallets/subtensor/coinbase/epoch-schedule.js'
import { SubtensorStorage as S } from '../../pallets/subtensor/storage.js'
import { RpcError } from '../errors.js'
import type { RpcEntry } from '../types.js'

const DEV_ERROR = 1
/** The most epochs one call runs (10,000 epochs of tempo 360 are 3.6 M blocks). */
export const MAX_EPOCHS = 10_000

export interface EpochBlock { number: number; hash: string }

function netuidParam(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffff) throw new RpcError(DEV_ERROR, 'netuid: expected an integer from 0 to 65535')
  return v
}

export function advanceMethods(ctx: NodeContext): RpcEntry[] {
  const chain = ctx.chain
  const state = () => chain.overlayAt(chain.best.hash)
  const marks = (netuid: number): string => {
    const s = state()
    return `${S.SubnetEpochIndex.get(s, netuid)}/${S.LastEpochBlock.get(s, netuid)}/${S.LastMechansimStepBlock.get(s, netuid)}`
  }
  /** The block the subnet's next epoch is due in (at least the next block). */
  const nextEpoch = (netuid: number): number => {
    const s = state()
    if (!S.NetworksAdded.get(s, netuid)) throw new RpcError(DEV_ERROR, `netuid ${netuid} does not exist`)
    const next = nextEpochStartBlock(s, netuid)
    if (next === null) throw new RpcError(DEV_ERROR, `netuid ${netuid} has tempo 0: its epoch never runs`)
    return Math.max(Number(next), chain.best.number + 1)
  }
  const build = async (count: number): Promise<void> => { if (count > 0) await ctx.producer.produceMany(count) }
  /** The block the epoch that just ran is stamped with. */
  const ranAt = (netuid: number, before: string): number => {
    const s = state()
    const [idx, last] = before.split('/')
    if (`${S.SubnetEpochIndex.get(s, netuid)}` !== idx || `${S.LastEpochBlock.get(s, netuid)}` !== last) return Number(S.LastEpochBlock.get(s, netuid))
    return Number(S.LastMechansimStepBlock.get(s, netuid))
  }

  /** Builds blocks up to the predicted epoch block, then one by one until the epoch is seen. */
  async function oneEpoch(netuid: number): Promise<EpochBlock> {
    const before = marks(netuid)
    const tempo = S.Tempo.get(state(), netuid)
    await build(nextEpoch(netuid) - chain.best.number)
    // The prediction follows spec 425's schedule; another schedule shows up within a tempo.
    for (let extra = 0; marks(netuid) === before; extra++) {
      if (extra > tempo + 1) throw new RpcError(DEV_ERROR, `no epoch of netuid ${netuid} ran by block #${chain.best.number} (tempo ${tempo})`)
      await build(1)
    }
    const number = ranAt(netuid, before)
    return { number, hash: hexOf(chain.hashAt(number) ?? chain.best.hash) }
  }

  return [
    {
      name: 'subtensor_advanceEpochs',
      unsafe: true,
      handler: async ([netuidArg, kArg]) => {
        const netuid = netuidParam(netuidArg)
        const k = kArg === undefined ? 1 : kArg
        if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_EPOCHS) throw new RpcError(DEV_ERROR, `epochs: expected an integer from 1 to ${MAX_EPOCHS}`)
        nextEpoch(netuid)
        const epochs: EpochBlock[] = []
        while (epochs.length < k) epochs.push(await oneEpoch(netuid))
        return { epochs, best: { number: chain.best.number, hash: hexOf(chain.best.hash) } }
      },
    },
    {
      name: 'subtensor_advanceToEpochEnd',
      unsafe: true,
      handler: async ([netuidArg]) => {
        const netuid = netuidParam(netuidArg)
        const next = nextEpoch(netuid)
        await build(next - 1 - chain.best.number)
        return { number: chain.best.number, hash: hexOf(chain.best.hash), nextEpochBlock: next }
      },
    },
  ]
}
