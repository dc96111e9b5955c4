// The Swap pallet's JSON-RPC (pallets/swap/rpc): wrappers of SwapRuntimeApi. Prices are JSON
// numbers, `swap_currentAlphaPriceAll` a JSON array of {netuid, price}, the simulated swaps the
// SCALE bytes of SimSwapResult as a JSON array of numbers; failures are code 1 with the RPC's text.
import { concatBytes } from '../../codec/bytes.js'
import { decode, encode } from '../../codec/scale.js'
import { u16, u64, vec } from '../../codec/types.js'
import type { NodeContext } from '../../node/context.js'
import { SubnetPrice, type SubnetPriceValue } from '../../runtime/api/swap.js'
import { invalidParams } from '../errors.js'
import type { RpcEntry } from '../types.js'
import { runtimeApiRunner, u16Param } from './subtensor.js'

const U64_MAX = (1n << 64n) - 1n

/** A TaoBalance / AlphaBalance parameter: a non-negative JSON integer up to u64::MAX. */
function u64Param(v: unknown): bigint {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidParams(`invalid type: ${JSON.stringify(v) ?? 'null'}, expected u64`)
  const n = BigInt(v)
  if (n > U64_MAX) throw invalidParams(`invalid value: integer \`${v}\`, expected u64`)
  return n
}

export function swapMethods(ctx: NodeContext): RpcEntry[] {
  const run = runtimeApiRunner(ctx)
  const netuidArg = (p: unknown[]): Uint8Array => encode(u16, u16Param(p[0]))
  const simArgs = (p: unknown[]): Uint8Array => concatBytes(netuidArg(p), encode(u64, u64Param(p[1])))
  return [
    {
      name: 'swap_currentAlphaPrice',
      handler: (p) => Number(decode<bigint>(u64, run('SwapRuntimeApi_current_alpha_price', netuidArg(p), p[1], 'Unable to get current alpha price'))),
    },
    {
      name: 'swap_currentAlphaPriceAll',
      handler: (p) => decode<SubnetPriceValue[]>(vec(SubnetPrice), run('SwapRuntimeApi_current_alpha_price_all', new Uint8Array(), p[0], 'Unable to get all current alpha prices'))
        .map((x) => ({ netuid: x.netuid, price: Number(x.price) })),
    },
    {
      name: 'swap_simSwapTaoForAlpha',
      handler: (p) => Array.from(run('SwapRuntimeApi_sim_swap_tao_for_alpha', simArgs(p), p[2], 'Unable to simulate tao -> alpha swap')),
    },
    {
      name: 'swap_simSwapAlphaForTao',
      handler: (p) => Array.from(run('SwapRuntimeApi_sim_swap_alpha_for_tao', simArgs(p), p[2], 'Unable to simulate alpha -> tao swap')),
    },
  ]
}
