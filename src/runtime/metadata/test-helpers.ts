// Helpers shared by the metadata test files: loading our bytes into polkadot.js and comparing
// the registry it reads with our Ty graph.
import { expect } from 'vitest'
import { Metadata, TypeRegistry } from '@polkadot/types'
import type { PortableRegistry } from '@polkadot/types/metadata'
import { u8aToHex } from '@polkadot/util'
import { tyId, type Ty } from '../../codec/types.js'

export const alice = Uint8Array.from({ length: 32 }, (_, i) => i + 1)
export const bob = Uint8Array.from({ length: 32 }, (_, i) => 0xff - i)

export interface Loaded { bytes: Uint8Array; registry: TypeRegistry; metadata: Metadata; lookup: PortableRegistry }

export function load(bytes: Uint8Array): Loaded {
  const registry = new TypeRegistry()
  const metadata = new Metadata(registry, u8aToHex(bytes))
  registry.setMetadata(metadata)
  return { bytes, registry, metadata, lookup: registry.lookup }
}

/**
 * Our Ty and the registry entry at `id` describe the same type, all the way down (co-inductively:
 * a pair already under comparison is assumed equal, which is what makes recursive types finish).
 */
export function expectSameType(lookup: PortableRegistry, t: Ty, id: number, seen = new Set<string>(), where = ''): void {
  const key = `${tyId(t)}:${id}`
  if (seen.has(key)) return
  seen.add(key)
  const si = lookup.getSiType(id)
  const at = `${where} → ${t.path.join('::') || t.def.tag}#${id}`
  expect(si.path.map(String), at).toEqual(t.path)
  expect(si.params.map((p) => p.name.toString()), at).toEqual(t.params.map((p) => p.name))
  t.params.forEach((p, i) => {
    const pt = si.params[i]!.type
    if (!p.type) expect(pt.isNone, at).toBe(true)
    else expectSameType(lookup, p.type, pt.unwrap().toNumber(), seen, at)
  })
  expect(si.docs.map(String), at).toEqual(t.docs ?? [])
  const d = t.def
  const sd = si.def
  const fieldsSame = (fs: { name?: string; type: Ty; typeName?: string }[], sf: typeof si.def.asComposite.fields): void => {
    expect(sf.map((x) => x.name.isSome ? x.name.unwrap().toString() : null), at).toEqual(fs.map((x) => x.name ?? null))
    expect(sf.map((x) => x.typeName.isSome ? x.typeName.unwrap().toString() : null), at).toEqual(fs.map((x) => x.typeName ?? null))
    fs.forEach((x, i) => expectSameType(lookup, x.type, sf[i]!.type.toNumber(), seen, at))
  }
  switch (d.tag) {
    case 'primitive': expect(sd.isPrimitive && sd.asPrimitive.type.toLowerCase(), at).toBe(d.prim); break
    case 'compact': expect(sd.isCompact, at).toBe(true); expectSameType(lookup, d.of, sd.asCompact.type.toNumber(), seen, at); break
    case 'sequence': expect(sd.isSequence, at).toBe(true); expectSameType(lookup, d.of, sd.asSequence.type.toNumber(), seen, at); break
    case 'array':
      expect(sd.isArray && sd.asArray.len.toNumber(), at).toBe(d.len)
      expectSameType(lookup, d.of, sd.asArray.type.toNumber(), seen, at)
      break
    case 'tuple':
      expect(sd.isTuple && sd.asTuple.length, at).toBe(d.of.length)
      d.of.forEach((x, i) => expectSameType(lookup, x, sd.asTuple[i]!.toNumber(), seen, at))
      break
    case 'composite': expect(sd.isComposite, at).toBe(true); fieldsSame(d.fields, sd.asComposite.fields); break
    case 'variant': {
      expect(sd.isVariant, at).toBe(true)
      const vs = sd.asVariant.variants
      expect(vs.map((v) => [v.name.toString(), v.index.toNumber()]), at).toEqual(d.variants.map((v) => [v.name, v.index]))
      d.variants.forEach((v, i) => {
        expect(vs[i]!.docs.map(String), at).toEqual(v.docs ?? [])
        fieldsSame(v.fields, vs[i]!.fields)
      })
      break
    }
    case 'bitSequence': throw new Error('unused')
  }
}

export const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/^[A-Z]/, (c) => c.toLowerCase())
