// Acceptance (#2), on the real composed runtime: its V14 and V15 metadata decode with
// @polkadot/types, have no unknown types, and every storage key, call, event and constant built
// from our declarations reads back identically through the decorated metadata.
import { expandMetadata } from '@polkadot/types/metadata/decorate'
import { compactStripLength, stringCamelCase as camel, u8aToHex } from '@polkadot/util'
import { beforeAll, describe, expect, it } from 'vitest'
import { hashKey, storagePrefix } from '../../src/codec/hashing.js'
import { decode, encode } from '../../src/codec/scale.js'
import { load, type Loaded } from '../../src/runtime/metadata/test-helpers.js'
import { Rng, sample } from '../../src/runtime/metadata/test-values.js'
import { RuntimeCall, RuntimeEvent } from '../../src/frame/outer.js'
import { Runtime } from '../../src/runtime/runtime.js'

let runtime: Runtime
const loaded: Record<14 | 15, Loaded> = {} as Record<14 | 15, Loaded>

beforeAll(async () => {
  runtime = await Runtime.get()
  loaded[14] = load(runtime.metadata(14)!)
  loaded[15] = load(runtime.metadata(15)!)
})

describe.each([14, 15] as const)('metadata V%i of the runtime', (version) => {
  it('decodes, re-encodes byte for byte, has no unknown types and lists the real pallets', () => {
    const { metadata, bytes } = loaded[version]
    expect(metadata.version).toBe(version)
    expect(u8aToHex(metadata.toU8a())).toBe(u8aToHex(bytes))
    expect(() => metadata.getUniqTypes(true)).not.toThrow()
    expect(metadata.asLatest.pallets.map((p) => `${p.name.toString()}@${p.index.toNumber()}`)).toEqual([
      'System@0', 'Timestamp@2', 'Aura@3', 'Grandpa@4', 'Balances@5', 'TransactionPayment@6',
      'SubtensorModule@7', 'Utility@11', 'Sudo@12', 'AdminUtils@19', 'Drand@26',
      'Swap@28',
    ])
    expect(loaded[version].registry.signedExtensions).toEqual([
      'CheckNonZeroSender', 'CheckSpecVersion', 'CheckTxVersion', 'CheckGenesis', 'CheckMortality', 'CheckNonce',
      'CheckWeight', 'ChargeTransactionPayment', 'SudoTransactionExtension', 'CheckShieldedTxValidity',
      'SubtensorTransactionExtension', 'DrandPriority', 'CheckMetadataHash',
    ])
  })

  it('every storage key built from our declarations equals the decorated key', () => {
    const { registry, metadata } = loaded[version]
    const decorated = expandMetadata(registry, metadata)
    const r = new Rng(version)
    let checked = 0
    for (const p of runtime.pallets) {
      for (const item of p.storage) {
        const fn = decorated.query[camel(p.name)]![camel(item.name)]!
        for (let round = 0; round < 3; round++) {
          const keyValues = item.keys.map((k) => sample(k, r))
          const encoded = item.keys.map((k, i) => encode(k, keyValues[i]))
          const ours = [storagePrefix(p.name, item.name), ...encoded.map((e, i) => hashKey(item.hashers[i]!, e))]
          const ourKey = u8aToHex(Uint8Array.from(ours.flatMap((x) => [...x])))
          const map = fn.meta.type.isMap ? fn.meta.type.asMap : undefined
          const keyTypes = !map ? [] : item.keys.length === 1 ? [map.key.toNumber()] : registry.lookup.getSiType(map.key).def.asTuple.map((t) => t.toNumber())
          const args = encoded.map((e, i) => registry.createType(registry.createLookupType(keyTypes[i]!), e))
          expect(u8aToHex(compactStripLength(fn(...args))[1]), `${p.name}.${item.name}`).toBe(ourKey)
          // The default (fallback) decodes as the value type.
          const valueId = map ? map.value : fn.meta.type.asPlain
          const fallback = registry.createType(registry.createLookupType(valueId), item.modifier === 'Default' ? item.fallback : new Uint8Array())
          if (item.modifier === 'Default') expect(u8aToHex(fallback.toU8a()), `${p.name}.${item.name} default`).toBe(u8aToHex(item.fallback))
          checked++
          if (item.keys.length === 0) break
        }
      }
    }
    expect(checked).toBeGreaterThan(50)
  })

  it('every call round-trips between our codec and polkadot.js', () => {
    const { registry } = loaded[version]
    const r = new Rng(100 + version)
    let n = 0
    for (const p of runtime.pallets) {
      for (const c of p.calls) {
        for (let round = 0; round < 3; round++) {
          const args: Record<string, unknown> = {}
          for (const a of c.args) args[a.name!] = sample(a.type, r)
          const bytes = encode(RuntimeCall, { type: p.name, value: { type: c.name, value: c.args.length ? args : undefined } })
          const call = registry.createType('Call', bytes)
          expect(`${call.section}.${call.method}`).toBe(`${camel(p.name)}.${camel(c.name)}`)
          expect(u8aToHex(call.toU8a())).toBe(u8aToHex(bytes))
          // polkadot.js's own encoding of the call decodes with our codec to the same call.
          expect(u8aToHex(encode(RuntimeCall, decode(RuntimeCall, call.toU8a())))).toBe(u8aToHex(bytes))
          n++
        }
      }
    }
    expect(n).toBeGreaterThan(30)
  })

  it('every event decodes in polkadot.js', () => {
    const { registry } = loaded[version]
    const r = new Rng(200 + version)
    for (const p of runtime.pallets) {
      for (const e of p.events) {
        const samples = e.fields.map((f) => sample(f.type, r))
        const value = e.fields.length === 0 ? undefined
          : e.fields.every((f) => f.name) ? Object.fromEntries(e.fields.map((f, i) => [f.name!, samples[i]]))
          : e.fields.length === 1 ? samples[0] : samples
        const bytes = encode(RuntimeEvent, { type: p.name, value: { type: e.name, value } })
        const ev = registry.createType('Event', bytes)
        expect(`${ev.section}.${ev.method}`).toBe(`${camel(p.name)}.${e.name}`)
        expect(u8aToHex(ev.toU8a())).toBe(u8aToHex(bytes))
      }
    }
  })

  it('every constant decodes to the bytes we declared', () => {
    const { registry, metadata } = loaded[version]
    const decorated = expandMetadata(registry, metadata)
    for (const p of runtime.pallets) {
      for (const c of p.constants) {
        const v = decorated.consts[camel(p.name)]![camel(c.name)]!
        expect(u8aToHex(v.toU8a()), `${p.name}.${c.name}`).toBe(u8aToHex(c.value))
      }
    }
    expect(decorated.consts.system!.ss58Prefix!.toString()).toBe('42')
    expect(decorated.consts.balances!.existentialDeposit!.toString()).toBe('500')
    expect((decorated.consts.system!.version as unknown as { specVersion: { toNumber(): number } }).specVersion.toNumber()).toBe(425)
  })
})

describe('runtime APIs in V15', () => {
  it('lists every runtime API of the table with the version the runtime reports', () => {
    const apis = loaded[15].metadata.asV15.apis.map((a) => a.name.toString())
    expect(apis).toEqual(runtime.apis.map((a) => a.name))
    expect(runtime.version.apis.length).toBe(runtime.apis.length)
  })
})
