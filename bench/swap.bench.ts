// Issue #12 figure: one block's coinbase with 128 subnets (goal ≤ 2 ms), here its injection part —
// inject_and_maybe_swap through the Swap pallet — and the swap quote the SDK asks for.
import '../src/polyfill.js'
import { cryptoReady } from '../src/codec/hashing.js'
import * as F from '../src/primitives/fixed/index.js'
import { SubtensorStorage as S } from '../src/pallets/subtensor/index.js'
import { injectAndMaybeSwap, type SubnetTerms } from '../src/pallets/subtensor/coinbase/run-coinbase.js'
import { initNewNetwork } from '../src/pallets/subtensor/subnets/subnet.js'
import { simSwap, SwapStorage } from '../src/pallets/swap/index.js'
import { Runtime } from '../src/runtime/runtime.js'
import { Overlay } from '../src/storage/overlay.js'

interface Row { name: string; value: number; unit: string }
const W = F.U96F32
const sink = { depositEvent: (): void => {} }

/** 128 dynamic subnets with pools of 1,000 TAO / 4,000 alpha; every block is a fresh overlay on that state. */
function state(): Overlay {
  const s = new Overlay({ get: () => null, keys: () => [] })
  for (let n = 1; n <= 128; n++) {
    initNewNetwork(s, n, 360)
    S.SubnetMechanism.set(s, n, 1)
    S.SubnetTAO.set(s, n, 10n ** 12n + BigInt(n) * 12_345n)
    S.SubnetAlphaIn.set(s, n, 4n * 10n ** 12n)
    S.SubnetAlphaOut.set(s, n, 10n ** 12n)
  }
  return s
}

function injection(label: string, t: SubnetTerms): Row {
  const s = state()
  const subnets = Array.from({ length: 128 }, (_, i) => i + 1)
  const terms = new Map(subnets.map((n) => [n, t]))
  const block = (): void => {
    s.startTransaction()
    injectAndMaybeSwap(s, sink, subnets, terms, 10n ** 9n)
    s.rollbackTransaction()
  }
  for (let i = 0; i < 3; i++) block()
  const n = 20
  const t0 = performance.now()
  for (let i = 0; i < n; i++) block()
  return { name: `inject_and_maybe_swap, 128 subnets, ${label}`, value: (performance.now() - t0) / n, unit: 'ms/block' }
}

function quotes(): Row {
  const s = state()
  SwapStorage.SwapBalancer.set(s, 1, { quote: 499_999_999_999_000_000n })
  const n = 500
  const t0 = performance.now()
  for (let i = 0; i < n; i++) simSwap(s, 1, { kind: 'GetAlphaForTao', amount: 1_000_000_000n + BigInt(i) })
  return { name: 'Swap sim_swap (buy, weights ≠ ½: ln/exp path of pow_ratio_scaled)', value: n / ((performance.now() - t0) / 1000), unit: 'swaps/s' }
}

export async function run(): Promise<Row[]> {
  await cryptoReady()
  await Runtime.get()
  return [
    injection('tao_in only (½ weights)', { taoIn: F.fromInt(W, 7_812_500n), alphaIn: F.fromInt(W, 31_000_000n), excessTao: 0n, alphaOut: 0n }),
    injection('excess buy only (weights stay ½)', { taoIn: 0n, alphaIn: 0n, excessTao: F.fromInt(W, 7_812_500n), alphaOut: 0n }),
    injection('tao_in + excess buy (weights move off ½)', { taoIn: F.fromInt(W, 3_812_500n), alphaIn: F.fromInt(W, 15_000_000n), excessTao: F.fromInt(W, 4_000_000n), alphaOut: 0n }),
    quotes(),
  ]
}
