// PalletDecl → the pallet entries of metadata (shared by V14 and V15).
import { tuple } from '../../codec/types.js'
import type { PalletDecl } from '../../frame/declare/pallet.js'
import type { StorageItemDecl } from '../../frame/declare/storage.js'
import type { PortableRegistryBuilder } from './portable.js'
import type { PalletV14V, PalletV15V, StorageEntryV } from './schema.js'

function storageEntry(reg: PortableRegistryBuilder, s: StorageItemDecl): StorageEntryV {
  const value = reg.id(s.value)
  // A map with several keys is described by the tuple of its key types, one hasher each.
  const type: StorageEntryV['type'] = s.keys.length === 0
    ? { type: 'plain', value }
    : {
        type: 'map',
        value: {
          hashers: s.hashers.map((h) => ({ type: h })),
          key: reg.id(s.keys.length === 1 ? s.keys[0]! : tuple(...s.keys)),
          value,
        },
      }
  return { name: s.name, modifier: { type: s.modifier }, type, fallback: s.fallback, docs: s.docs }
}

export function palletV14(reg: PortableRegistryBuilder, p: PalletDecl): PalletV14V {
  for (const s of p.storage) {
    if (s.pallet !== p.name) throw new Error(`storage item ${s.pallet}.${s.name} declared under pallet ${p.name}`)
  }
  return {
    name: p.name,
    storage: p.storage.length === 0 ? null : { prefix: p.name, items: p.storage.map((s) => storageEntry(reg, s)) },
    calls: p.callTy ? { type: reg.id(p.callTy) } : null,
    events: p.eventTy ? { type: reg.id(p.eventTy) } : null,
    constants: p.constants.map((c) => ({ name: c.name, type: reg.id(c.type), value: c.value, docs: c.docs })),
    errors: p.errorTy ? { type: reg.id(p.errorTy) } : null,
    index: p.index,
  }
}

export function palletV15(reg: PortableRegistryBuilder, p: PalletDecl): PalletV15V {
  return { ...palletV14(reg, p), docs: p.docs }
}

export function byIndex(pallets: PalletDecl[]): PalletDecl[] {
  const sorted = [...pallets].sort((a, b) => a.index - b.index)
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.index === sorted[i - 1]!.index) throw new Error(`pallets ${sorted[i - 1]!.name} and ${sorted[i]!.name} share index ${sorted[i]!.index}`)
  }
  return sorted
}
