// Every SubtensorModule and AdminUtils error (and SubtensorModule event) carries a doc line in the
// V14 and V15 metadata, as the real runtime's do: the bittensor SDK names a failed extrinsic's
// module error only when its metadata entry has docs (otherwise "UnknownError ... Unknown Description").
import { beforeAll, describe, expect, it } from 'vitest'
import { load, type Loaded } from '../../src/runtime/metadata/test-helpers.js'
import { Runtime } from '../../src/runtime/runtime.js'

const loaded: Record<14 | 15, Loaded> = {} as Record<14 | 15, Loaded>
beforeAll(async () => {
  const runtime = await Runtime.get()
  loaded[14] = load(runtime.metadata(14)!)
  loaded[15] = load(runtime.metadata(15)!)
})

describe.each([14, 15] as const)('docs in metadata V%i', (version) => {
  const pallet = (name: string) => loaded[version].metadata.asLatest.pallets.find((p) => p.name.toString() === name)!
  /** Names of the variants of an enum type whose docs are missing or blank. */
  const undocumented = (typeId: number): string[] => loaded[version].registry.lookup.getSiType(typeId).def.asVariant.variants
    .filter((v) => v.docs.length === 0 || v.docs.some((d) => d.toString().trim() === ''))
    .map((v) => v.name.toString())
  const count = (typeId: number): number => loaded[version].registry.lookup.getSiType(typeId).def.asVariant.variants.length

  it.each(['SubtensorModule', 'AdminUtils'])('every %s error has a non-empty doc line', (name) => {
    const ty = pallet(name).errors.unwrap().type.toNumber()
    expect(count(ty)).toBeGreaterThan(0)
    expect(undocumented(ty)).toEqual([])
  })

  it('every SubtensorModule event has a non-empty doc line', () => {
    const ty = pallet('SubtensorModule').events.unwrap().type.toNumber()
    expect(count(ty)).toBeGreaterThan(0)
    expect(undocumented(ty)).toEqual([])
  })

  it('the docs reach clients as polkadot.js decodes them (a module error looked up by index)', () => {
    const { registry } = loaded[version]
    const sm = pallet('SubtensorModule')
    const errTy = sm.errors.unwrap().type.toNumber()
    const variants = registry.lookup.getSiType(errTy).def.asVariant.variants
    const notExists = variants.find((v) => v.name.toString() === 'SubnetNotExists')!
    const meta = registry.findMetaError(new Uint8Array([sm.index.toNumber(), notExists.index.toNumber()]))
    expect(meta.name).toBe('SubnetNotExists')
    expect(meta.docs.join(' ').trim().length).toBeGreaterThan(0)
  })
})
