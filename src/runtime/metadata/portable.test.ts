import { describe, expect, it } from 'vitest'
import { TypeRegistry } from '@polkadot/types'
import { hexToU8a, u8aToHex } from '@polkadot/util'
import { decode, encode } from '../../codec/scale.js'
import { compact, composite, enumOf, f, option, tuple, u8, u32, u64, vec, type Ty } from '../../codec/types.js'
import { EraTy } from './extensions.js'
import { PortableRegistryBuilder } from './portable.js'
import { PortableType } from './schema.js'

describe('PortableRegistryBuilder', () => {
  it('gives dense ids in first-visit order and dedupes by identity', () => {
    const Inner = composite('a::Inner', [f('x', u32)])
    const Outer = composite('a::Outer', [f('first', Inner), f('second', Inner), f('n', compact(u64))])
    const reg = new PortableRegistryBuilder()
    expect(reg.id(Outer)).toBe(0)
    expect(reg.id(Outer)).toBe(0)
    const types = reg.types()
    expect(types.map((t) => t.id)).toEqual([0, 1, 2, 3, 4])
    expect(types.map((t) => t.type.path.join('::'))).toEqual(['a::Outer', 'a::Inner', '', '', ''])
    expect(types[0]!.type.def).toEqual({
      type: 'composite',
      value: { fields: [
        { name: 'first', type: 1, typeName: null, docs: [] },
        { name: 'second', type: 1, typeName: null, docs: [] },
        { name: 'n', type: 3, typeName: null, docs: [] },
      ] },
    })
    expect(types[3]!.type.def).toEqual({ type: 'compact', value: { type: 4 } })
  })

  it('structurally equal but distinct objects stay distinct types', () => {
    const a = composite('x::Same', [])
    const b = composite('x::Same', [])
    const reg = new PortableRegistryBuilder()
    expect(reg.id(tuple(a, b))).toBe(0)
    expect(reg.size).toBe(3)
  })

  it('handles a recursive type by reserving the id first', () => {
    const Tree: Ty = { def: { tag: 'variant', variants: [] }, path: ['t', 'Tree'], params: [] }
    Tree.def = { tag: 'variant', variants: [
      { name: 'Leaf', index: 0, fields: [{ type: u8 }] },
      { name: 'Node', index: 1, fields: [{ type: vec(Tree) }] },
    ] }
    const reg = new PortableRegistryBuilder()
    expect(reg.id(Tree)).toBe(0)
    const [tree, leaf, seq] = reg.types()
    expect(leaf!.type.def).toEqual({ type: 'primitive', value: { type: 'u8' } })
    expect(seq!.type.def).toEqual({ type: 'sequence', value: { type: 0 } })
    expect(tree!.type.def.type).toBe('variant')
  })

  it('encodes the registry in the layout polkadot.js reads as PortableRegistry', () => {
    const E = enumOf('b::E', ['A', ['B', [f('v', option(u32))]]])
    const S = composite('b::S', [f('e', E, 'E'), { type: tuple(u8, u64) }], { params: [{ name: 'T', type: u32 }, { name: 'I' }], docs: [' doc'] })
    const reg = new PortableRegistryBuilder()
    reg.id(S)
    reg.id(EraTy)
    const Struct = composite('meta::Registry', [f('types', vec(PortableType))])
    const ours = encode(Struct, { types: reg.types() })
    const pjs = new TypeRegistry().createType('PortableRegistry', ours)
    expect(u8aToHex(pjs.toU8a())).toBe(u8aToHex(ours))
    const json = pjs.toJSON() as { types: { id: number; type: { path: string[]; params: unknown[]; def: Record<string, unknown>; docs: string[] } }[] }
    expect(json.types[0]!.type).toEqual({
      path: ['b', 'S'],
      params: [{ name: 'T', type: reg.id(u32) }, { name: 'I', type: null }],
      def: { composite: { fields: [
        { name: 'e', type: reg.id(E), typeName: 'E', docs: [] },
        { name: null, type: reg.id(tuple(u8, u64)), typeName: null, docs: [] },
      ] } },
      docs: [' doc'],
    })
    const era = json.types[reg.id(EraTy)]!.type.def as { variant: { variants: { name: string; index: number; fields: unknown[] }[] } }
    expect(era.variant.variants).toHaveLength(256)
    expect(era.variant.variants[255]).toEqual({ name: 'Mortal255', index: 255, fields: [{ name: null, type: reg.id(u8), typeName: null, docs: [] }], docs: [] })
    // A known vector: a single `u32` primitive is id 0, path [], params [], def Primitive(U32 = 5), docs [].
    const single = new PortableRegistryBuilder()
    single.id(u32)
    expect(u8aToHex(encode(Struct, { types: single.types() }))).toBe(u8aToHex(hexToU8a('0x04000000050500')))
  })
})

describe('codec of an enum filled in after use (how outer enums are composed)', () => {
  it('a container compiled while the enum was empty sees the variants added later', () => {
    const Late: Ty = { def: { tag: 'variant', variants: [] }, path: ['rt', 'Late'], params: [] }
    const Record = composite('rt::Record', [f('e', Late), f('n', u32)])
    // Compiling the container first is what a storage fallback of Vec<EventRecord> does.
    expect(encode(vec(Record), [])).toEqual(Uint8Array.of(0))
    expect(() => encode(Record, { e: { type: 'X' }, n: 1 })).toThrow(/no variants/)
    Late.def = { tag: 'variant', variants: [{ name: 'X', index: 3, fields: [f('v', u8)] }] }
    const bytes = encode(vec(Record), [{ e: { type: 'X', value: { v: 9 } }, n: 1 }])
    expect(u8aToHex(bytes)).toBe('0x04030901000000')
    expect(decode(vec(Record), bytes)).toEqual([{ e: { type: 'X', value: { v: 9 } }, n: 1 }])
  })
})
