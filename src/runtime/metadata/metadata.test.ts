// Acceptance: metadata built from the declarations of test-runtime.ts, read back by polkadot.js.
// All tests that need the composed outer enums live in this file (they compose once per process).
import { beforeAll, describe, expect, it } from 'vitest'
import { Metadata, TypeRegistry } from '@polkadot/types'
import { expandMetadata } from '@polkadot/types/metadata/decorate'
import type { PortableRegistry } from '@polkadot/types/metadata'
import type { Vec } from '@polkadot/types-codec'
import type { EventRecord as PjsEventRecord } from '@polkadot/types/interfaces'
import { compactStripLength, u8aToHex } from '@polkadot/util'
import { cryptoReady } from '../../codec/hashing.js'
import { decode, encode } from '../../codec/scale.js'
import { tyId, type Ty } from '../../codec/types.js'
import type { EventDef } from '../declare/pallet.js'
import { EventRecord, RuntimeCall, RuntimeError, RuntimeEvent } from '../outer.js'
import { AccountId32, MultiAddress, MultiSignature } from '../primitives.js'
import { buildMetadataV14, buildMetadataV15, RuntimeTy, uncheckedExtrinsicTy } from './index.js'
import {
  apis, AuraStorage, BalancesEvents, BalancesStorage, description, pallets, SystemEvents, SystemStorage, UtilityEvents,
} from './test-runtime.js'
import { Rng, sample } from './test-values.js'

const alice = Uint8Array.from({ length: 32 }, (_, i) => i + 1)
const bob = Uint8Array.from({ length: 32 }, (_, i) => 0xff - i)

interface Loaded { bytes: Uint8Array; registry: TypeRegistry; metadata: Metadata; lookup: PortableRegistry }

function load(bytes: Uint8Array): Loaded {
  const registry = new TypeRegistry()
  const metadata = new Metadata(registry, u8aToHex(bytes))
  registry.setMetadata(metadata)
  return { bytes, registry, metadata, lookup: registry.lookup }
}

/**
 * Our Ty and the registry entry at `id` describe the same type, all the way down (co-inductively:
 * a pair already under comparison is assumed equal, which is what makes recursive types finish).
 */
function expectSameType(lookup: PortableRegistry, t: Ty, id: number, seen = new Set<string>(), where = ''): void {
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

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/^[A-Z]/, (c) => c.toLowerCase())

let v14: Loaded
let v15: Loaded
beforeAll(async () => {
  await cryptoReady()
  v14 = load(buildMetadataV14(description()))
  v15 = load(buildMetadataV15(description()))
})

describe('framing and decoding', () => {
  it('builds quickly', () => {
    const runs = Array.from({ length: 5 }, () => {
      const t0 = performance.now()
      buildMetadataV14(description())
      buildMetadataV15(description())
      return performance.now() - t0
    }).sort((a, b) => a - b)
    console.log(`test runtime: ${v15.metadata.asLatest.lookup.types.length} types, V14 ${v14.bytes.length} B, V15 ${v15.bytes.length} B; V14+V15 build median ${runs[2]!.toFixed(1)} ms`)
    expect(runs[2]).toBeLessThan(200)
  })

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

// Our accessor's key vs polkadot.js's key, for every storage item. Args: [ours, polkadot.js].
const storageCases: [{ decl: { pallet: string; name: string } }, unknown[], unknown[]][] = [
  [SystemStorage.account, [alice], [u8aToHex(alice)]],
  [SystemStorage.number, [], []],
  [SystemStorage.events, [], []],
  [SystemStorage.extrinsicCount, [], []],
  [BalancesStorage.totalIssuance, [], []],
  [BalancesStorage.locks, [alice, 7], [u8aToHex(alice), 7]],
  [BalancesStorage.holder, [4_000_000_000], [4_000_000_000]],
  [BalancesStorage.reserves, [3, bob, 2n ** 40n + 5n], [3, u8aToHex(bob), 2n ** 40n + 5n]],
  [BalancesStorage.frozen, [9, true], [9, true]],
  [BalancesStorage.accountNames, [bob], [u8aToHex(bob)]],
  [AuraStorage.authorities, [], []],
]

describe.each([['V14', 14], ['V15', 15]] as const)('storage through the decorated %s metadata', (_, version) => {
  const m = (): Loaded => version === 14 ? v14 : v15

  it('covers every declared storage item', () => {
    const declared = pallets.flatMap((p) => p.storage.map((s) => `${s.pallet}.${s.name}`)).sort()
    expect(storageCases.map(([item]) => `${item.decl.pallet}.${item.decl.name}`).sort()).toEqual(declared)
  })

  it.each(storageCases.map((c) => [`${c[0].decl.pallet}.${c[0].decl.name}`, ...c] as const))('%s: keys, values and fallback agree', (_, item, ours, theirs) => {
    const { registry, metadata } = m()
    const decorated = expandMetadata(registry, metadata)
    const fn = decorated.query[camel(item.decl.pallet)]![camel(item.decl.name)]!
    const accessor = item as unknown as { key(...k: unknown[]): Uint8Array; decl: { value: Ty; fallback: Uint8Array; modifier: string } }
    const ourKey = accessor.key(...ours)
    expect(u8aToHex(ourKey)).toBe(u8aToHex(compactStripLength(fn(...theirs))[1]))

    const valueId = fn.meta.type.isPlain ? fn.meta.type.asPlain : fn.meta.type.asMap.value
    const typeName = registry.createLookupType(valueId)
    const r = new Rng(tyId(accessor.decl.value) + 1)
    for (let i = 0; i < 25; i++) {
      const bytes = encode(accessor.decl.value, sample(accessor.decl.value, r))
      const decoded = registry.createType(typeName, bytes)
      expect(u8aToHex(decoded.toU8a())).toBe(u8aToHex(bytes))
    }
    const fb = fn.meta.fallback.toU8a(true)
    expect(u8aToHex(fb)).toBe(u8aToHex(accessor.decl.fallback))
    if (accessor.decl.modifier === 'Default') expect(u8aToHex(registry.createType(typeName, fb).toU8a())).toBe(u8aToHex(fb))
    else expect(u8aToHex(fb)).toBe('0x00')
  })

  it('a concrete AccountInfo and a default decode to the values we wrote', () => {
    const { registry, metadata } = m()
    const decorated = expandMetadata(registry, metadata)
    const acc = SystemStorage.account.decl
    const bytes = encode(acc.value, { nonce: 5, consumers: 1, providers: 2, sufficients: 0, data: { free: 10n ** 12n, reserved: 3n, frozen: 0n, flags: 1n << 127n } })
    const v = registry.createType(registry.createLookupType(decorated.query.system!.account!.meta.type.asMap.value), bytes)
    expect(v.toJSON()).toEqual({ nonce: 5, consumers: 1, providers: 2, sufficients: 0, data: { free: 1e12, reserved: 3, frozen: 0, flags: '0x80000000000000000000000000000000' } })
    const names = decorated.query.balances!.accountNames!
    expect(registry.createType(registry.createLookupType(names.meta.type.asMap.value), names.meta.fallback.toU8a(true)).toString()).toBe('anonymous')
  })

  it('constants decode', () => {
    const { registry, metadata } = m()
    const c = expandMetadata(registry, metadata).consts
    expect(c.system!.blockHashCount!.toString()).toBe('2400')
    expect(c.system!.ss58Prefix!.toString()).toBe('42')
    expect(c.balances!.existentialDeposit!.toString()).toBe('500')
    expect(registry.chainSS58).toBe(42)
  })
})

describe.each([['V14', 14], ['V15', 15]] as const)('calls, events and errors through %s', (_, version) => {
  const m = (): Loaded => version === 14 ? v14 : v15

  it('every call encoded by us decodes in polkadot.js to the same section/method and bytes', () => {
    const { registry } = m()
    const r = new Rng(version)
    for (const p of pallets) {
      for (const c of p.calls) {
        for (let i = 0; i < 10; i++) {
          const args = sample({ def: { tag: 'composite', fields: c.args }, path: [], params: [] }, r, 1)
          const value = { type: p.name, value: c.args.length ? { type: c.name, value: args } : { type: c.name } }
          const bytes = encode(RuntimeCall, value)
          const call = registry.createType('Call', bytes)
          expect([call.section, call.method]).toEqual([camel(p.name), camel(c.name)])
          expect(u8aToHex(call.toU8a())).toBe(u8aToHex(bytes))
          expect(decode(RuntimeCall, bytes)).toEqual(value)
        }
      }
    }
  })

  it('calls built by polkadot.js decode with our codec and re-encode identically', () => {
    const { registry, metadata } = m()
    const tx = expandMetadata(registry, metadata).tx
    const transfer = tx.balances!.transferKeepAlive!({ Id: u8aToHex(alice) }, 123_456_789_012n)
    const byIndex = registry.createType('Call', { callIndex: [5, 3], args: [{ Id: u8aToHex(alice) }, 123_456_789_012n] })
    expect(byIndex.toHex()).toBe(transfer.toHex())
    const expected = { type: 'Balances', value: { type: 'transfer_keep_alive', value: { dest: { type: 'Id', value: alice }, value: 123_456_789_012n } } }
    expect(decode(RuntimeCall, transfer.toU8a())).toEqual(expected)

    const remark = tx.system!.remark!('0xdeadbeef')
    const inner = tx.utility!.asDerivative!(7, tx.system!.remark!('0x'))
    const batch = tx.utility!.batch!([transfer, remark, inner])
    const ours = decode(RuntimeCall, batch.toU8a())
    expect(ours).toEqual({
      type: 'Utility', value: { type: 'batch', value: { calls: [
        expected,
        { type: 'System', value: { type: 'remark', value: { remark: Uint8Array.from([0xde, 0xad, 0xbe, 0xef]) } } },
        { type: 'Utility', value: { type: 'as_derivative', value: { index: 7, call: { type: 'System', value: { type: 'remark', value: { remark: new Uint8Array(0) } } } } } },
      ] } },
    })
    expect(u8aToHex(encode(RuntimeCall, ours))).toBe(batch.toHex())
  })

  it('every event encoded by EventDef decodes in polkadot.js', () => {
    const { registry } = m()
    const r = new Rng(100 + version)
    const defs: [string, EventDef<unknown>][] = [
      ...Object.values(SystemEvents).map((e) => ['System', e] as [string, EventDef<unknown>]),
      ...Object.values(BalancesEvents).map((e) => ['Balances', e] as [string, EventDef<unknown>]),
      ...Object.values(UtilityEvents).map((e) => ['Utility', e] as [string, EventDef<unknown>]),
    ]
    expect(defs.length).toBe(pallets.reduce((n, p) => n + p.events.length, 0))
    for (const [pallet, def] of defs) {
      for (let i = 0; i < 10; i++) {
        const fields = def.decl.fields
        const value = sample({ def: { tag: 'composite', fields }, path: [], params: [] }, r, 1)
        const bytes = def.encode(value)
        const ev = registry.createType('Event', bytes) as unknown as { section: string; method: string; toU8a(): Uint8Array }
        expect([ev.section, ev.method]).toEqual([camel(pallet), def.decl.name])
        expect(u8aToHex(ev.toU8a())).toBe(u8aToHex(bytes))
        expect(decode(RuntimeEvent, bytes)).toEqual(fields.length ? { type: pallet, value: { type: def.decl.name, value } } : { type: pallet, value: { type: def.decl.name } })
      }
    }
    // A whole EventRecord list, as System.Events holds it.
    const records = [{ phase: { type: 'ApplyExtrinsic', value: 1 }, event: decode(RuntimeEvent, BalancesEvents.Transfer.encode({ from: alice, to: bob, amount: 5n })), topics: [] }]
    const list = registry.createType<Vec<PjsEventRecord>>('Vec<EventRecord>', encode({ def: { tag: 'sequence', of: EventRecord }, path: [], params: [] }, records))
    expect(list[0]!.event.section).toBe('balances')
    expect(list[0]!.event.data[2]!.toString()).toBe('5')
  })

  it('every module error is found by index', () => {
    const { registry } = m()
    for (const p of pallets) {
      for (const e of p.errors) {
        const found = registry.findMetaError(new Uint8Array([p.index, e.index]))
        expect([found.section, found.name, found.docs]).toEqual([camel(p.name), e.name, e.docs])
      }
    }
  })
})

describe('Compact<u32> AccountId32 sanity', () => {
  it('AccountId32 maps to polkadot.js AccountId', () => {
    const id = v15.registry.createType(v15.registry.createLookupType(v15.metadata.asV15.lookup.types.find((t) => t.type.path.join('::') === AccountId32.path.join('::'))!.id), alice)
    expect(id.toU8a()).toEqual(alice)
    expect(id.toString()).toMatch(/^5/)
  })
})
