// Acceptance, part 2: storage keys/values/fallbacks, constants, calls, events and errors through
// polkadot.js's decorated metadata, against our accessors and codec.
import { beforeAll, describe, expect, it } from 'vitest'
import { expandMetadata } from '@polkadot/types/metadata/decorate'
import type { Vec } from '@polkadot/types-codec'
import type { EventRecord as PjsEventRecord } from '@polkadot/types/interfaces'
import { compactStripLength, u8aToHex } from '@polkadot/util'
import { decode, encode } from '../../codec/scale.js'
import { tyId, type Ty } from '../../codec/types.js'
import type { EventDef } from '../../frame/declare/pallet.js'
import { EventRecord, RuntimeCall, RuntimeEvent } from '../../frame/outer.js'
import { AccountId32 } from '../../frame/primitives.js'
import { buildMetadataV14, buildMetadataV15 } from './index.js'
import { alice, bob, camel, load, type Loaded } from './test-helpers.js'
import {
  AuraStorage, BalancesEvents, BalancesStorage, description, pallets, SystemEvents, SystemStorage, UtilityEvents,
} from './test-runtime.js'
import { Rng, sample } from './test-values.js'

let v14: Loaded
let v15: Loaded
beforeAll(() => {
  v14 = load(buildMetadataV14(description()))
  v15 = load(buildMetadataV15(description()))
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

describe('AccountId32', () => {
  it('AccountId32 maps to polkadot.js AccountId', () => {
    const id = v15.registry.createType(v15.registry.createLookupType(v15.metadata.asV15.lookup.types.find((t) => t.type.path.join('::') === AccountId32.path.join('::'))!.id), alice)
    expect(id.toU8a()).toEqual(alice)
    expect(id.toString()).toMatch(/^5/)
  })
})
