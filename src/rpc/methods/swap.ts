// The Swap pallet's JSON-RPC (pallets/swap/rpc): prices as JSON numbers, simulated swaps as the
// SwapRuntimeApi's SCALE bytes in a JSON array of numbers.
import { concatBytes } from '../../codec/bytes.js'
import { decode, encode } from '../../codec/scale.js'
import { u16, u64, vec } from '../../codec/types.js'
import type { NodeContext } from '../../node/context.js'
import { SubnetPrice } from '../../runtime/api/swap.js'
import { invalidParams } from '../errors.js'
import type { RpcEntry } from '../types.js'
import { runtimeRpc, u16Param } from './subtensor.js'

/** A u64 given as a JSON number (what serde accepts for TaoBalance/AlphaBalance). */
function u64Param(v: unknown): bigint {
  if (typeof v === 'bigint' && v >= 0n && v < 1n << 64n) return v
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** 64) return BigInt(v)
  throw invalidParams(`invalid type: ${JSON.stringify(v)}, expected u64`)
}

export function swapMethods(ctx: NodeContext): RpcEntry[] {
  const run = runtimeRpc(ctx)
  const sim = (name: string, method: string, what: string): RpcEntry => ({
    name,
    handler: (p) => Array.from(run(`SwapRuntimeApi_${method}`, concatBytes(encode(u16, u16Param(p[0])), encode(u64, u64Param(p[1]))), p[2], what)),
  })
  return [
    {
      name: 'swap_currentAlphaPrice',
      handler: (p) => Number(decode<bigint>(u64, run('SwapRuntimeApi_current_alpha_price', encode(u16, u16Param(p[0])), p[1], 'Unable to get current alpha price'))),
    },
    {
      name: 'swap_currentAlphaPriceAll',
      handler: (p) => decode<{ netuid: number; price: bigint }[]>(vec(SubnetPrice), run('SwapRuntimeApi_current_alpha_price_all', new Uint8Array(), p[0], 'Unable to get all current alpha prices'))
        .map(({ netuid, price }) => ({ netuid, price: Number(price) })),
    },
    sim('swap_simSwapTaoForAlpha', 'sim_swap_tao_for_alpha', 'Unable to simulate tao -> alpha swap'),
    sim('swap_simSwapAlphaForTao', 'sim_swap_alpha_for_tao', 'Unable to simulate alpha -> tao swap'),
  ]
}
