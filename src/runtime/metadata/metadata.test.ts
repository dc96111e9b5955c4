// Acceptance, part 1: metadata built from test-runtime.ts read back by polkadot.js — framing,
// every type reference, the extrinsic section, runtime APIs and outer enums.
import { beforeAll, describe, expect, it } from 'vitest'
import { expandMetadata } from '@polkadot/types/metadata/decorate'
import { u8aToHex } from '@polkadot/util'
import { encode } from '../../codec/scale.js'
import { RuntimeCall, RuntimeError, RuntimeEvent } from '../../frame/outer.js'
import { MultiAddress, MultiSignature } from '../../frame/primitives.js'
import { buildMetadataV14, buildMetadataV15, extrinsicTy, RuntimeTy, SELF_CONTAINED_EXTRINSIC, uncheckedExtrinsicTy } from './index.js'
import { alice, expectSameType, load, type Loaded } from './test-helpers.js'
import { apis, description, pallets } from './test-runtime.js'

let v14: Loaded
let v15: Loaded
beforeAll(() => {
  v14 = load(buildMetadataV14(description()))
  v15 = load(buildMetadataV15(description()))
})


describe('framing and decoding', () => {
  it('starts with the magic and version byte', () => {
    expect(u8aToHex(v14.bytes.subarray(0, 5))).toBe('0x6d6574610e')
    expect(u8aToHex(v15.bytes.subarray(0, 5))).toBe('0x6d6574610f')
  })

  it.each([['V14', 14], ['V15', 15]] as const)('%s decodes, re-encodes byte for byte and has no unknown types', (_, version) => {
    const m = version === 14 ? v14 : v15
    expect(m.metadata.version).toBe(version)
    expect(u8aToHex(m.metadata.toU8a())).toBe(u8aToHex(m.bytes))
    expect(() => m.metadata.getUniqTypes(true)).not.toThrow()
    const latest = m.metadata.asLatest
    expect(latest.pallets.map((p) => [p.name.toString(), p.index.toNumber()])).toEqual([['System', 0], ['Aura', 3], ['Balances', 5], ['Utility', 11]])
    const ids = latest.lookup.types.map((t) => t.id.toNumber())
    expect(ids).toEqual(ids.map((_, i) => i))
    expect(m.registry.signedExtensions).toEqual(description().extrinsic.extensions.map((e) => e.identifier))
  })

  it('V14 extrinsic points at UncheckedExtrinsic<Address, Call, Signature, Extra>', () => {
    const x = v14.metadata.asV14.extrinsic
    expect(x.version.toNumber()).toBe(4)
    expectSameType(v14.lookup, uncheckedExtrinsicTy(description().extrinsic), x.type.toNumber())
    expectSameType(v14.lookup, RuntimeTy, v14.metadata.asV14.type.toNumber())
    const exts = description().extrinsic.extensions
    expect(x.signedExtensions.map((e) => e.identifier.toString())).toEqual(exts.map((e) => e.identifier))
    x.signedExtensions.forEach((e, i) => {
      expectSameType(v14.lookup, exts[i]!.type, e.type.toNumber())
      expectSameType(v14.lookup, exts[i]!.additionalSigned, e.additionalSigned.toNumber())
    })
    // polkadot.js aliased the runtime enums through the UncheckedExtrinsic / EventRecord params.
    expect(v14.registry.createType('Call').constructor.name).not.toBe('Null')
  })

  it('V15 extrinsic, outer enums and runtime type match the description', () => {
    const m = v15.metadata.asV15
    const d = description()
    expect(m.extrinsic.version.toNumber()).toBe(4)
    expectSameType(v15.lookup, MultiAddress, m.extrinsic.addressType.toNumber())
    expectSameType(v15.lookup, RuntimeCall, m.extrinsic.callType.toNumber())
    expectSameType(v15.lookup, MultiSignature, m.extrinsic.signatureType.toNumber())
    const extra = v15.lookup.getSiType(m.extrinsic.extraType).def.asTuple.map((x) => x.toNumber())
    expect(extra).toEqual(m.extrinsic.signedExtensions.map((e) => e.type.toNumber()))
    d.extrinsic.extensions.forEach((e, i) => expectSameType(v15.lookup, e.type, extra[i]!))
    expectSameType(v15.lookup, RuntimeCall, m.outerEnums.callType.toNumber())
    expectSameType(v15.lookup, RuntimeEvent, m.outerEnums.eventType.toNumber())
    expectSameType(v15.lookup, RuntimeError, m.outerEnums.errorType.toNumber())
    expectSameType(v15.lookup, RuntimeTy, m.type.toNumber())
    expect(m.custom.map.size).toBe(0)
    expect(m.pallets.map((p) => p.docs.map(String))).toEqual([[' Docs of the system pallet.'], [], [], []])
  })

  it('V15 apis match the declarations; hidden ones are left out', () => {
    const got = v15.metadata.asV15.apis
    const want = apis.filter((a) => !a.hiddenFromMetadata)
    expect(got.map((a) => a.name.toString())).toEqual(['Core', 'Metadata', 'AccountNonceApi'])
    want.forEach((a, i) => {
      const g = got[i]!
      expect(g.docs.map(String)).toEqual(a.docs ?? [])
      expect(g.methods.map((m) => m.name.toString())).toEqual(a.methods.map((m) => m.name))
      a.methods.forEach((m, j) => {
        const gm = g.methods[j]!
        expect(gm.docs.map(String)).toEqual(m.docs ?? [])
        expect(gm.inputs.map((x) => x.name.toString())).toEqual(m.inputs.map((x) => x.name))
        m.inputs.forEach((x, k) => expectSameType(v15.lookup, x.type, gm.inputs[k]!.type.toNumber()))
        expectSameType(v15.lookup, m.output, gm.output.toNumber())
      })
    })
    // polkadot.js decorates api.call from exactly this section.
    const decorated = expandMetadata(v15.registry, v15.metadata)
    expect(Object.keys(decorated)).toContain('query')
  })

  it.each([['V14', 14], ['V15', 15]] as const)('%s pallet sections describe the declared types', (_, version) => {
    const m = version === 14 ? v14 : v15
    const latest = m.metadata.asLatest
    for (const p of pallets) {
      const mp = latest.pallets.find((x) => x.index.toNumber() === p.index)!
      const where = p.name
      expect(mp.calls.isSome).toBe(p.callTy !== null)
      if (p.callTy) expectSameType(m.lookup, p.callTy, mp.calls.unwrap().type.toNumber(), new Set(), where)
      if (p.eventTy) expectSameType(m.lookup, p.eventTy, mp.events.unwrap().type.toNumber(), new Set(), where)
      else expect(mp.events.isNone).toBe(true)
      if (p.errorTy) expectSameType(m.lookup, p.errorTy, mp.errors.unwrap().type.toNumber(), new Set(), where)
      else expect(mp.errors.isNone).toBe(true)
      expect(mp.constants.map((c) => c.name.toString())).toEqual(p.constants.map((c) => c.name))
      p.constants.forEach((c, i) => {
        expectSameType(m.lookup, c.type, mp.constants[i]!.type.toNumber())
        expect(u8aToHex(mp.constants[i]!.value.toU8a(true))).toBe(u8aToHex(c.value))
        expect(mp.constants[i]!.docs.map(String)).toEqual(c.docs)
      })
      if (p.storage.length === 0) { expect(mp.storage.isNone).toBe(true); continue }
      const st = mp.storage.unwrap()
      expect(st.prefix.toString()).toBe(p.name)
      expect(st.items.map((x) => x.name.toString())).toEqual(p.storage.map((s) => s.name))
      p.storage.forEach((s, i) => {
        const it = st.items[i]!
        expect(it.modifier.type).toBe(s.modifier)
        expect(u8aToHex(it.fallback.toU8a(true))).toBe(u8aToHex(s.fallback))
        expect(it.docs.map(String)).toEqual(s.docs)
        if (s.keys.length === 0) {
          expect(it.type.isPlain).toBe(true)
          expectSameType(m.lookup, s.value, it.type.asPlain.toNumber())
        } else {
          const map = it.type.asMap
          expect(map.hashers.map((h) => h.type)).toEqual(s.hashers)
          expectSameType(m.lookup, s.value, map.value.toNumber())
          if (s.keys.length === 1) expectSameType(m.lookup, s.keys[0]!, map.key.toNumber())
          else {
            const ks = m.lookup.getSiType(map.key).def.asTuple
            expect(ks.length).toBe(s.keys.length)
            s.keys.forEach((k, j) => expectSameType(m.lookup, k, ks[j]!.toNumber()))
          }
        }
      })
    }
  })
})

describe.each([['V14', 14], ['V15', 15]] as const)('subtensor-shaped extrinsic (frontier wrapper, nested Extra) through %s', (_, version) => {
  it('decodes, and polkadot.js still finds Call, Address and Signature', () => {
    const d = description('subtensor')
    const m = load(version === 14 ? buildMetadataV14(d) : buildMetadataV15(d))
    expect(u8aToHex(m.metadata.toU8a())).toBe(u8aToHex(m.bytes))
    expect(() => m.metadata.getUniqTypes(true)).not.toThrow()
    expect(m.registry.signedExtensions).toEqual(d.extrinsic.extensions.map((e) => e.identifier))
    const wrapper = m.metadata.asLatest.lookup.types.find((t) => t.type.path.join('::') === SELF_CONTAINED_EXTRINSIC)!
    expectSameType(m.lookup, extrinsicTy(d.extrinsic), wrapper.id.toNumber())
    if (version === 14) expect(m.metadata.asV14.extrinsic.type.toNumber()).toBe(wrapper.id.toNumber())
    else {
      const extra = m.lookup.getSiType(m.metadata.asV15.extrinsic.extraType).def.asTuple
      expect(extra.map((x) => m.lookup.getSiType(x).def.type)).toEqual(['Tuple', 'Tuple', 'Composite'])
    }
    const call = m.registry.createType('Call', encode(RuntimeCall, { type: 'System', value: { type: 'remark', value: { remark: Uint8Array.of(1, 2) } } }))
    expect([call.section, call.method]).toEqual(['system', 'remark'])
    expect(m.registry.createType('Address', alice).toU8a()).toEqual(Uint8Array.of(0, ...alice))
    expect(m.registry.getDefinition('ExtrinsicSignature')).toBe('MultiSignature')
  })

  it('rejects an Extra that is not a nesting of the extension types', () => {
    const d = description('subtensor')
    const bad = { ...d, extrinsic: { ...d.extrinsic, extra: uncheckedExtrinsicTy(d.extrinsic) } }
    expect(() => (version === 14 ? buildMetadataV14(bad) : buildMetadataV15(bad))).toThrow(/nesting of the extension types/)
  })
})
