// Storage accesses of one epoch block on the started-subnets dev chain, by storage item: reads
// (get/read/getString), listings (keyStrings) and writes, counted while SubtensorModule's
// on_initialize runs on the first epoch block after block 300 (the block itself is then
// produced normally). Shows what one epoch reads more than once.
//
//   npx tsx bench/epoch-access.ts [subnets=32] [classic|current] [--all] [--ordinary] [--where=Item]
import '../src/polyfill.js'
import { subtensorModule } from '../src/pallets/subtensor/pallet.js'
import { SubtensorStorage } from '../src/pallets/subtensor/storage.js'
import { keyString } from '../src/storage/kv.js'
import { Overlay } from '../src/storage/overlay.js'
import { openStartedChain } from './lib/started-chain.js'

const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const subnets = Number(pos[0] ?? 32)
const regime = (pos[1] ?? 'current') as 'classic' | 'current'

const names = new Map<string, string>()
for (const [name, item] of Object.entries(SubtensorStorage)) names.set(keyString((item as { prefix: Uint8Array }).prefix), name)
const itemOf = (ks: string): string => names.get(ks.slice(0, 32)) ?? `other:${Buffer.from(ks.slice(0, 32), 'latin1').toString('hex').slice(0, 16)}`

const counts = new Map<string, { read: number; list: number; write: number; decode?: number }>()
let on = false
const where = process.argv.find((a) => a.startsWith('--where='))?.slice(8)
const sites = new Map<string, number>()
const bump = (ks: string, k: 'read' | 'list' | 'write'): void => {
  if (!on) return
  const name = itemOf(ks)
  if (name === where) {
    // the first frames outside this file and the storage layer: who asked
    const site = (new Error().stack ?? '').split('\n').slice(3).filter((l) => !/overlay|storage\.ts|epoch-access/.test(l)).slice(0, 3).map((l) => l.trim().replace(/\(.*\/src\//, '(')).join(' < ')
    sites.set(`${k} ${site}`, (sites.get(`${k} ${site}`) ?? 0) + 1)
  }
  const c = counts.get(name) ?? { read: 0, list: 0, write: 0, decode: 0 }
  c[k]++
  counts.set(name, c)
}
const O = Overlay.prototype as unknown as Record<string, (...a: unknown[]) => unknown>
const wrap = (m: string, k: 'read' | 'list' | 'write', ksOf: (a: unknown[]) => string): void => {
  const orig = O[m]!
  O[m] = function (this: unknown, ...a: unknown[]) { bump(ksOf(a), k); return orig.apply(this, a) }
}
// decodes by item (a read of a mutable value decodes each time; immutable ones are remembered)
const proto = Object.getPrototypeOf(Object.getPrototypeOf(SubtensorStorage.Tempo)) as Record<string, (...a: unknown[]) => unknown>
let itemProto = proto
while (itemProto && !Object.prototype.hasOwnProperty.call(itemProto, 'decodeValue')) itemProto = Object.getPrototypeOf(itemProto)
const origDecode = itemProto.decodeValue!
itemProto.decodeValue = function (this: { decl: { name: string } }, ...a: unknown[]) {
  if (on) { const c = counts.get(this.decl.name) ?? { read: 0, list: 0, write: 0, decode: 0 }; c.decode = (c.decode ?? 0) + 1; counts.set(this.decl.name, c) }
  return origDecode.apply(this, a)
}
wrap('get', 'read', (a) => (a[1] as string | undefined) ?? keyString(a[0] as Uint8Array))
wrap('read', 'read', (a) => (a[0] as { ks: string }).ks)
wrap('getString', 'read', (a) => a[0] as string)
wrap('keyStrings', 'list', (a) => (a[2] as string | undefined) ?? keyString(a[0] as Uint8Array))
wrap('set', 'write', (a) => (a[2] as string | undefined) ?? keyString(a[0] as Uint8Array))
wrap('setRef', 'write', (a) => (a[0] as { ks: string }).ks)

const { producer, close } = await openStartedChain(subnets, regime, 'epoch-access')
try {
  await producer.produceMany(300)
  const hook = subtensorModule.hooks.onInitialize!
  let epochSeen = false
  let base: Map<string, { read: number; list: number; write: number; decode?: number }> | null = null
  subtensorModule.hooks.onInitialize = (ctx) => {
    if (epochSeen) return hook(ctx)
    counts.clear()
    on = true
    try { return hook(ctx) } finally {
      on = false
      // (an epoch moves LastEpochBlock; the block before it is the baseline)
      if ((counts.get('LastEpochBlock')?.write ?? 0) > 0 && base !== null) epochSeen = true
      else base = new Map(counts)
    }
  }
  for (let i = 0; i < 20 && !epochSeen; i++) await producer.produceMany(1)
  // --ordinary: the block before the epoch block on its own (an ordinary block's accesses)
  const ordinary = process.argv.includes('--ordinary')
  const shown = ordinary ? base ?? new Map() : counts
  const rows = [...shown].map(([name, c]) => {
    const b = (ordinary ? undefined : base?.get(name)) ?? { read: 0, list: 0, write: 0, decode: 0 }
    return { name, read: c.read - b.read, list: c.list - b.list, write: c.write - b.write, decode: (c.decode ?? 0) - (b.decode ?? 0) }
  }).filter((r) => process.argv.includes('--all') || r.read !== 0 || r.list !== 0 || r.write !== 0 || r.decode !== 0)
  rows.sort((a, b) => b.read + b.list - a.read - a.list)
  let r = 0, l = 0, w = 0, d = 0
  console.log(`${ordinary ? 'the block before the epoch block' : 'epoch block minus the block before it'}, accesses by item (read / list / write / decode):`)
  for (const x of rows) { r += x.read; l += x.list; w += x.write; d += x.decode; console.log(`${x.name.padEnd(36)} ${String(x.read).padStart(5)} ${String(x.list).padStart(5)} ${String(x.write).padStart(5)} ${String(x.decode).padStart(5)}`) }
  for (const [site, c] of sites) console.log(`${String(c).padStart(5)} ${site}`)
  console.log(`${'total'.padEnd(36)} ${String(r).padStart(5)} ${String(l).padStart(5)} ${String(w).padStart(5)} ${String(d).padStart(5)}`)
} finally {
  await close()
}
process.exit(0)
