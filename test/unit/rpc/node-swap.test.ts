// SwapRuntimeApi through a real dev node: decoded by @polkadot/api from metadata V15, through
// state_call, and through the legacy swap_* JSON-RPC. The dev genesis gives netuid 1 a dynamic pool
// of 10 TAO / 10 alpha at equal weights (price 1); the expected quotes are worked out here from the
// balancer formulas at equal weights (spec notes §3.4) and the default fee rate 33/65535.
import { hexToU8a, u8aToHex } from '@polkadot/util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devNodeWithApi, type ApiHarness } from './node-harness.js'

const Q64 = 1n << 64n
const E18 = 10n ** 18n
const [X, Y] = [10_000_000_000n, 10_000_000_000n]

let h: ApiHarness
beforeAll(async () => { h = await devNodeWithApi() }, 60_000)
afterAll(async () => { await h?.close() })

type Codec = { toJSON(): unknown; toString(): string }
const calls = (): Record<string, Record<string, (...a: unknown[]) => Promise<Codec>>> => h.api.call as never
const send = <T>(m: string, p: unknown[]): Promise<T> => h.client.call<T>(m, p)

/** fee = ⌊amount · ⌊33·2^64/65535⌋ / 2^64⌋ (U64F64 rate, product floored). */
const fee = (amount: bigint): bigint => (amount * ((33n << 64n) / 65535n)) >> 64n
/** Δout = ⌊r_out · (1 − ⌊1e18·r_in/(r_in+Δin)⌋/1e18)⌋ with the 1e18 ratio truncated to U64F64. */
const out = (rIn: bigint, rOut: bigint, d: bigint): bigint => (rOut * (Q64 - (((E18 * rIn) / (rIn + d)) << 64n) / E18)) >> 64n

describe('SwapRuntimeApi', () => {
  it('is in metadata V15 with its methods, parameter names and types', async () => {
    const md = h.api.runtimeMetadata
    expect(md.version).toBe(15)
    const apis = (md.asLatest.toJSON() as { apis?: { name: string; methods: { name: string; inputs: { name: string }[] }[] }[] }).apis ?? []
    const swapApi = apis.find((a) => a.name === 'SwapRuntimeApi')
    expect(swapApi?.methods.map((m) => [m.name, m.inputs.map((i) => i.name)])).toEqual([
      ['current_alpha_price', ['netuid']], ['current_alpha_price_all', []],
      ['sim_swap_tao_for_alpha', ['netuid', 'tao']], ['sim_swap_alpha_for_tao', ['netuid', 'alpha']],
    ])
  })

  it('current_alpha_price: RAO per alpha, 1e9 on the root (stable) subnet, 0 for no pool', async () => {
    const c = calls().swapRuntimeApi!
    expect((await c.currentAlphaPrice!(1)).toString()).toBe('1000000000')
    expect((await c.currentAlphaPrice!(0)).toString()).toBe('1000000000')
    expect((await c.currentAlphaPrice!(77)).toString()).toBe('1000000000')
    expect(await send('swap_currentAlphaPrice', [1])).toBe(1_000_000_000)
    const all = (await c.currentAlphaPriceAll!()).toJSON()
    expect(all).toEqual([{ netuid: 0, price: 1_000_000_000 }, { netuid: 1, price: 1_000_000_000 }])
    expect(await send('swap_currentAlphaPriceAll', [])).toEqual(all)
  })

  it('sim_swap_tao_for_alpha / sim_swap_alpha_for_tao quote the balancer swap with its fee and slippage', async () => {
    const c = calls().swapRuntimeApi!
    const tao = 1_000_000_000n
    const buyNet = tao - fee(tao)
    const buyOut = out(Y, X, buyNet)
    expect((await c.simSwapTaoForAlpha!(1, tao)).toJSON()).toEqual({
      taoAmount: Number(buyNet), alphaAmount: Number(buyOut), taoFee: Number(fee(tao)), alphaFee: 0, taoSlippage: 0, alphaSlippage: Number(tao - buyOut),
    })
    const alpha = 2_000_000_000n
    const sellNet = alpha - fee(alpha)
    const sellOut = out(X, Y, sellNet)
    expect((await c.simSwapAlphaForTao!(1, alpha)).toJSON()).toEqual({
      taoAmount: Number(sellOut), alphaAmount: Number(sellNet), taoFee: 0, alphaFee: Number(fee(alpha)), taoSlippage: Number(alpha - sellOut), alphaSlippage: 0,
    })
    // the legacy RPC: the same SCALE bytes as a JSON array of numbers
    const args = u8aToHex(new Uint8Array([1, 0, ...new Uint8Array(new BigUint64Array([tao]).buffer)]))
    const viaState = hexToU8a((await h.api.rpc.state.call('SwapRuntimeApi_sim_swap_tao_for_alpha', args)).toHex())
    expect(await send('swap_simSwapTaoForAlpha', [1, Number(tao)])).toEqual(Array.from(viaState))
    expect(viaState.length).toBe(48)
  })

  it('a refused swap (more than 1000× the input reserve) and a stable subnet read as the chain answers', async () => {
    const c = calls().swapRuntimeApi!
    const zero = { taoAmount: 0, alphaAmount: 0, taoFee: 0, alphaFee: 0, taoSlippage: 0, alphaSlippage: 0 }
    expect((await c.simSwapTaoForAlpha!(1, 20_000_000_000_000n)).toJSON()).toEqual(zero)
    // root is stable: 1:1, no fee; a netuid that does not exist pays nothing
    expect((await c.simSwapTaoForAlpha!(0, 5n)).toJSON()).toEqual({ ...zero, taoAmount: 5, alphaAmount: 5, alphaSlippage: 0 })
    expect((await c.simSwapTaoForAlpha!(77, 5n)).toJSON()).toEqual({ ...zero, alphaSlippage: 5 })
  })

  it('swap_* parameters are checked', async () => {
    await expect(send('swap_simSwapTaoForAlpha', [1, -1])).rejects.toThrow(/expected u64/)
    await expect(send('swap_currentAlphaPrice', [70_000])).rejects.toThrow(/expected u16/)
  })
})
