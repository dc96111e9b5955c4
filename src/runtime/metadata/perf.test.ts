// Build time on a synthetic runtime of roughly the real chain's size class (several hundred types).
// Runs in its own process (vitest isolates files), so it composes its own outer enums.
import { describe, expect, it } from 'vitest'
import { Metadata, TypeRegistry } from '@polkadot/types'
import { u8aToHex } from '@polkadot/util'
import { cryptoReady } from '../../codec/hashing.js'
import { bool, bytes, compact, composite, enumOf, f, option, str, u16, u32, u64, u128, vec } from '../../codec/types.js'
import { Pallet, type PalletDecl } from '../declare/pallet.js'
import { composeOuterEnums, RuntimeCall, RuntimeError, RuntimeEvent } from '../outer.js'
import { AccountId32, MultiAddress, MultiSignature, weight } from '../primitives.js'
import { buildMetadataV14, buildMetadataV15, extensionsSpec425, RuntimeTy } from './index.js'

await cryptoReady()

function syntheticPallet(index: number): PalletDecl {
  const p = new Pallet(`Synthetic${index}`, index, `pallet_synthetic_${index}`, [` Synthetic pallet ${index}.`])
  const Kind = enumOf(`pallet_synthetic_${index}::Kind`, ['A', 'B', ['C', [f('x', u32)]], ['D', [{ type: AccountId32 }]]])
  for (let i = 0; i < 15; i++) {
    const Info = composite(`pallet_synthetic_${index}::Info${i}`, [
      f('owner', AccountId32, 'T::AccountId'), f('amount', u64, 'u64'), f('kinds', vec(Kind), 'Vec<Kind>'),
      f('note', option(str), 'Option<String>'), f(`field${i}`, u128, 'u128'),
    ])
    if (i % 3 === 0) p.map(`Item${i}`, 'Blake2_128Concat', AccountId32, Info)
    else if (i % 3 === 1) p.doubleMap(`Item${i}`, 'Identity', u16, 'Twox64Concat', AccountId32, Info)
    else p.value(`Item${i}`, Info, { docs: [` Item ${i}.`] })
  }
  for (let i = 0; i < 12; i++) {
    p.call(i, `call_${i}`, [f('dest', MultiAddress), f('amount', compact(u64)), f('flag', bool), f(`data${i}`, bytes)], {
      weight: () => weight(1_000), handler: () => {},
    })
  }
  for (let i = 0; i < 10; i++) p.event(`Event${i}`, [f('who', AccountId32), f('kind', Kind), f('value', u64)])
  for (let i = 0; i < 8; i++) p.error(`Error${i}`)
  p.constant('Limit', u32, index * 10)
  return p.decl()
}

const pallets = Array.from({ length: 20 }, (_, i) => syntheticPallet(i))
composeOuterEnums(pallets)
const d = {
  pallets,
  extrinsic: { version: 4 as const, address: MultiAddress, call: RuntimeCall, signature: MultiSignature, extensions: extensionsSpec425(RuntimeTy) },
  apis: [],
  outer: { call: RuntimeCall, event: RuntimeEvent, error: RuntimeError },
  runtimeTy: RuntimeTy,
}

function timeMs(fn: () => void, runs: number): number[] {
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    out.push(performance.now() - t0)
  }
  return out
}

describe('build time', () => {
  it('builds V14 and V15 for ~20 pallets well under 200 ms', () => {
    const [cold14] = timeMs(() => buildMetadataV14(d), 1)
    const [cold15] = timeMs(() => buildMetadataV15(d), 1)
    const warm14 = timeMs(() => buildMetadataV14(d), 5).sort((a, b) => a - b)[2]!
    const warm15 = timeMs(() => buildMetadataV15(d), 5).sort((a, b) => a - b)[2]!
    const v15 = buildMetadataV15(d)
    const registry = new TypeRegistry()
    const metadata = new Metadata(registry, u8aToHex(v15))
    registry.setMetadata(metadata)
    const types = metadata.asLatest.lookup.types.length
    console.log(`synthetic runtime: ${types} types, V15 ${v15.length} bytes; V14 cold ${cold14!.toFixed(1)} ms, warm ${warm14.toFixed(1)} ms; V15 cold ${cold15!.toFixed(1)} ms, warm ${warm15.toFixed(1)} ms`)
    expect(types).toBeGreaterThan(400)
    expect(() => metadata.getUniqTypes(true)).not.toThrow()
    expect(u8aToHex(metadata.toU8a())).toBe(u8aToHex(v15))
    expect(warm14).toBeLessThan(200)
    expect(warm15).toBeLessThan(200)
  })
})
