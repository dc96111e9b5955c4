// The declarations against decoded metadata of real runtimes built on the same polkadot-sdk
// generation (shipped with @polkadot/types-support): names, order and indices of storage items,
// calls, events and errors, and the fallback bytes where the types coincide.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { PalletDecl } from '../frame/declare/pallet.js'
import { decode, encode } from '../codec/scale.js'
import { RuntimeCall } from '../frame/outer.js'
import { allPallets } from './index.js'
import { ensureComposed } from './test-utils.js'

interface RefVariant { name: string; index: number; fields: { name: string | null; typeName: string | null }[] }
interface RefPallet {
  name: string
  storage: { items: { name: string; modifier: string; type: { plain?: number; map?: { hashers: string[] } }; fallback: string }[] } | null
  calls: { type: number } | null
  events: { type: number } | null
  errors: { type: number } | null
  constants: { name: string }[]
}

const dir = fileURLToPath(new URL('../../node_modules/@polkadot/types-support/metadata/v15/', import.meta.url))
function load(net: string) {
  const md = JSON.parse(readFileSync(`${dir}${net}-json.json`, 'utf8')).metadata.v15 as { pallets: RefPallet[] }
  const types = new Map<number, { def: { variant?: { variants: RefVariant[] } } }>(
    (JSON.parse(readFileSync(`${dir}${net}-types.json`, 'utf8')) as { id: number; type: { def: { variant?: { variants: RefVariant[] } } } }[]).map((t) => [t.id, t.type]),
  )
  const variants = (id: number | undefined) => (id === undefined ? [] : types.get(id)!.def.variant!.variants.map((v) => [v.index, v.name, v.fields.map((f) => f.name)]))
  return (name: string) => {
    const p = md.pallets.find((x) => x.name === name)!
    return {
      storage: (p.storage?.items ?? []).map((i) => [i.name, i.modifier, i.type.map?.hashers ?? []]),
      calls: variants(p.calls?.type),
      events: variants(p.events?.type),
      errors: variants(p.errors?.type).map(([i, n]) => [i, n]),
      constants: p.constants.map((c) => c.name),
    }
  }
}

const mine = (p: PalletDecl) => ({
  storage: p.storage.map((s) => [s.name, s.modifier, s.hashers]),
  calls: p.calls.map((c) => [c.index, c.name, c.args.map((a) => a.name ?? null)]),
  events: p.events.map((e) => [e.index, e.name, e.fields.map((f) => f.name ?? null)]),
  errors: p.errors.map((e) => [e.index, e.name]),
  constants: p.constants.map((c) => c.name),
})

const polkadot = load('polkadot')
const substrate = load('substrate')
const assetHub = load('asset-hub-polkadot')
const byName = (n: string) => allPallets().find((p) => p.name === n)!

describe('pallet list', () => {
  it('has the construct_runtime indices and crates of subtensor', () => {
    expect(allPallets().map((p) => [p.index, p.name, p.crate])).toEqual([
      [0, 'System', 'frame_system'], [2, 'Timestamp', 'pallet_timestamp'], [3, 'Aura', 'pallet_aura'],
      [4, 'Grandpa', 'pallet_grandpa'], [5, 'Balances', 'pallet_balances'], [6, 'TransactionPayment', 'pallet_transaction_payment'],
      [7, 'SubtensorModule', 'pallet_subtensor'], [11, 'Utility', 'pallet_subtensor_utility'], [12, 'Sudo', 'pallet_sudo'],
      [19, 'AdminUtils', 'pallet_admin_utils'],
      [26, 'Drand', 'pallet_drand'],
      [28, 'Swap', 'pallet_subtensor_swap'],
    ])
    ensureComposed()
  })

  it('declares the storage items polkadot.js apps reads', () => {
    const items = allPallets().flatMap((p) => p.storage.map((s) => `${s.pallet}.${s.name}`))
    for (const i of ['System.Account', 'Balances.Locks', 'Balances.Reserves', 'Balances.InactiveIssuance', 'Balances.TotalIssuance', 'Sudo.Key', 'System.Events', 'Timestamp.Now']) {
      expect(items).toContain(i)
    }
  })
})

describe('declarations match the reference metadata', () => {
  it('System (set_code, set_code_without_checks and apply_authorized_upgrade left out)', () => {
    const ref = polkadot('System')
    const m = mine(byName('System'))
    expect(m.storage).toEqual(ref.storage)
    expect(m.events).toEqual(ref.events)
    expect(m.errors).toEqual(ref.errors)
    expect(m.constants).toEqual(ref.constants)
    expect(m.calls).toEqual(ref.calls.filter(([, n]) => !['set_code', 'set_code_without_checks', 'apply_authorized_upgrade'].includes(n as string)))
  })

  it('Balances, Timestamp, TransactionPayment, Sudo, Aura', () => {
    for (const [name, ref] of [['Balances', polkadot], ['Timestamp', polkadot], ['TransactionPayment', polkadot], ['Sudo', substrate], ['Aura', assetHub]] as const) {
      const r = ref(name)
      const m = mine(byName(name))
      expect([name, m.storage]).toEqual([name, r.storage])
      expect([name, m.calls]).toEqual([name, r.calls])
      expect([name, m.events]).toEqual([name, r.events])
      expect([name, m.errors]).toEqual([name, r.errors])
      expect([name, m.constants]).toEqual([name, r.constants])
    }
  })

  it('Grandpa (report_equivocation calls left out) and the Utility fork (one more error)', () => {
    const g = polkadot('Grandpa')
    const mg = mine(byName('Grandpa'))
    expect(mg.storage).toEqual(g.storage)
    expect(mg.events).toEqual(g.events)
    expect(mg.errors).toEqual(g.errors)
    expect(mg.calls).toEqual(g.calls.filter(([i]) => i === 2))
    const u = polkadot('Utility')
    const mu = mine(byName('Utility'))
    expect(mu.calls).toEqual(u.calls)
    expect(mu.events).toEqual(u.events)
    expect(mu.errors).toEqual([...u.errors, [1, 'InvalidDerivedAccount']])
    expect(mu.constants).toEqual(u.constants)
  })

  it('fallbacks equal the reference where the types are the same', () => {
    const fb = (p: string, item: string) => '0x' + Buffer.from(byName(p).storage.find((s) => s.name === item)!.fallback).toString('hex')
    const md = JSON.parse(readFileSync(`${dir}polkadot-json.json`, 'utf8')).metadata.v15 as { pallets: RefPallet[] }
    const ref = (p: string, item: string) => md.pallets.find((x) => x.name === p)!.storage!.items.find((i) => i.name === item)!.fallback
    for (const [p, item] of [['System', 'BlockWeight'], ['System', 'Number'], ['System', 'Events'], ['System', 'ExtrinsicWeightReclaimed'],
      ['TransactionPayment', 'NextFeeMultiplier'], ['Grandpa', 'State'], ['Timestamp', 'Now']] as const) {
      expect([p, item, fb(p, item)]).toEqual([p, item, ref(p, item)])
    }
  })
})

describe('RuntimeCall', () => {
  it('decodes and re-encodes sudo(batch([transfer_keep_alive]))', () => {
    ensureComposed()
    // 0c 00: Sudo(12).sudo(0); 0b 00: Utility(11).batch(0); 04: one call; 05 03: Balances(5).transfer_keep_alive(3);
    // 00 + 32 × 02: MultiAddress::Id; a1 0f: Compact(1000) = (1000 << 2 | 1) LE
    const hex = '0c000b00040503' + '00' + '02'.repeat(32) + 'a10f'
    const bytes = Uint8Array.from(Buffer.from(hex, 'hex'))
    const v = decode<{ type: string; value: { type: string; value: { call: unknown } } }>(RuntimeCall, bytes)
    expect(v).toEqual({
      type: 'Sudo',
      value: {
        type: 'sudo',
        value: {
          call: {
            type: 'Utility',
            value: {
              type: 'batch',
              value: { calls: [{ type: 'Balances', value: { type: 'transfer_keep_alive', value: { dest: { type: 'Id', value: new Uint8Array(32).fill(2) }, value: 1000n } } }] },
            },
          },
        },
      },
    })
    expect(Buffer.from(encode(RuntimeCall, v)).toString('hex')).toBe(hex)
  })
})
