import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { StateCache } from './state-cache.js'
import type { TrieView } from '../storage/trie/index.js'
import { fromKeyString, keyBit, Overlay, toKeyString, type StorageRef } from '../storage/overlay.js'

const key = new Uint8Array([1, 2, 3])
const view = (v: number): TrieView => ({ get: () => new Uint8Array([v]), keys: () => [] }) as unknown as TrieView

describe('StateCache', () => {
  it('serves the cached block and falls back to the trie for other blocks', () => {
    const c = new StateCache()
    c.reset('A')
    const a = c.backend('A', view(1))
    expect(a.get(key)).toEqual(new Uint8Array([1]))
    expect(c.backend('B', view(2)).get(key)).toEqual(new Uint8Array([2]))
  })

  it('a reader of the old block does not see the next block\'s values after the cache advances', () => {
    const c = new StateCache()
    c.reset('A')
    const a = c.backend('A', view(1))
    expect(a.get(key)).toEqual(new Uint8Array([1]))
    c.advance('A', 'B', new Map([[toKeyString(key), new Uint8Array([9])]]))
    expect(a.get(key)).toEqual(new Uint8Array([1]))
    expect(c.backend('B', view(1)).get(key)).toEqual(new Uint8Array([9]))
  })
})

describe('StateCache key listings', () => {
  // A trie stand-in over a sorted map of key strings.
  const trie = (m: Map<string, Uint8Array>): TrieView => ({
    get: (k: Uint8Array) => m.get(toKeyString(k)) ?? null,
    keys: (prefix: Uint8Array, after?: Uint8Array) => {
      const p = toKeyString(prefix)
      const a = after ? toKeyString(after) : ''
      return [...m.keys()].filter((k) => k.startsWith(p) && k > a).sort().map(fromKeyString)
    },
  }) as unknown as TrieView
  const item = 'x'.repeat(32)

  it('lists a prefix once and keeps the listing right through each block\'s inserts and deletes', () => {
    const state = new Map<string, Uint8Array>()
    for (const s of ['a1', 'a3', 'a5', 'b1']) state.set(item + s, new Uint8Array([1]))
    const c = new StateCache()
    c.reset('A')
    const prefix = fromKeyString(item + 'a')
    const names = (it: Iterable<Uint8Array>): string[] => [...it].map((k) => toKeyString(k).slice(32))
    expect(names(c.backend('A', trie(state)).keys(prefix))).toEqual(['a1', 'a3', 'a5'])
    // Block B deletes a3, adds a2 and a9, rewrites a5, touches another prefix.
    const changes = new Map<string, Uint8Array | null>([[item + 'a3', null], [item + 'a2', new Uint8Array([2])], [item + 'a9', new Uint8Array([2])], [item + 'a5', new Uint8Array([3])], [item + 'b2', new Uint8Array([1])]])
    c.advance('A', 'B', changes)
    for (const [k, v] of changes) if (v === null) state.delete(k); else state.set(k, v)
    // Served from the listing: a stale trie stand-in would give the old answer.
    const stale = trie(new Map())
    expect(names(c.backend('B', stale).keys(prefix))).toEqual(['a1', 'a2', 'a5', 'a9'])
    expect(names(c.backend('B', stale).keys(prefix, fromKeyString(item + 'a2')))).toEqual(['a5', 'a9'])
    // Another block's reader goes to its own trie.
    expect(names(c.backend('A', trie(new Map([[item + 'a7', new Uint8Array([1])]]))).keys(prefix))).toEqual(['a7'])
  })

  it('keeps every listing of one item\'s prefixes (one bucket) right over blocks, resets and listings grown too large', () => {
    const u = new Uint8Array([1])
    const prefixes = ['', 'a', 'b', 'ab', 'ba', 'z']
    const suffix = fc.stringMatching(/^[abz]{1,3}$/)
    const block = fc.record({
      changes: fc.array(fc.tuple(suffix, fc.boolean())),
      // past MAX_LISTED_KEYS under 'z': its listing and the item's are dropped (and come back once it shrinks)
      flood: fc.constantFrom(0, 0, 0, 1, -1),
      listed: fc.array(fc.constantFrom(...prefixes), { maxLength: 4 }),
      reset: fc.boolean(),
    })
    fc.assert(fc.property(fc.array(block, { minLength: 1, maxLength: 5 }), (blocks) => {
      const model = new Map<string, Uint8Array>()
      const c = new StateCache()
      c.reset('B0')
      const listAll = (at: string, ps: readonly string[]): void => {
        // The trie stand-in is this block's state, frozen: a listing not kept up to date reads wrong.
        const b = c.backend(at, trie(new Map(model)))
        for (const p of ps) {
          const want = [...model.keys()].filter((k) => k.startsWith(item + p)).sort()
          expect([...b.keyStrings!(fromKeyString(item + p))]).toEqual(want)
        }
      }
      blocks.forEach((blk, i) => {
        const at = `B${i}`
        if (blk.reset) c.reset(at)
        listAll(at, blk.listed)
        const changes = new Map<string, Uint8Array | null>(blk.changes.map(([k, put]) => [item + k, put ? u : null]))
        if (blk.flood !== 0) for (let j = 0; j < 4_200; j++) changes.set(`${item}zz${String(j).padStart(5, '0')}`, blk.flood > 0 ? u : null)
        c.advance(at, `B${i + 1}`, changes)
        changes.forEach((v, k) => { if (v === null) model.delete(k); else model.set(k, v) })
        listAll(`B${i + 1}`, prefixes)
      })
    }), { numRuns: 60 })
  })
})

describe('StateCache slots remembered on accessor keys', () => {
  const counting = (m: Map<string, Uint8Array>): { view: TrieView; reads: () => number } => {
    let n = 0
    const view = { get: (k: Uint8Array) => { n++; return m.get(toKeyString(k)) ?? null }, keys: () => [] } as unknown as TrieView
    return { view, reads: () => n }
  }
  /** A cache reset to block A over a trie holding `key` = [1]; `ref` is an accessor's key for it. */
  const cacheAtA = (): { ks: string; t: ReturnType<typeof counting>; c: StateCache; ref: StorageRef } => {
    const ks = toKeyString(key)
    const c = new StateCache()
    c.reset('A')
    return { ks, t: counting(new Map([[ks, new Uint8Array([1])]])), c, ref: { key, ks } }
  }

  it('a remembered slot follows advances, and is dropped by a reset or when another cache or block reads', () => {
    const { ks, t, c, ref } = cacheAtA()
    const a = c.backend('A', t.view)
    expect(a.getRef!(ref)).toEqual(new Uint8Array([1]))
    expect(a.getRef!(ref)).toEqual(new Uint8Array([1]))
    expect(t.reads()).toBe(1)
    c.advance('A', 'B', new Map([[ks, new Uint8Array([2])]]))
    // The old block's reader no longer trusts the cache (which now holds B's value).
    expect(a.getRef!(ref)).toEqual(new Uint8Array([1]))
    const b = c.backend('B', t.view)
    expect(b.getRef!(ref)).toEqual(new Uint8Array([2]))
    c.advance('B', 'C', new Map([[ks, null]]))
    expect(c.backend('C', t.view).getRef!(ref)).toBeNull()
    // A reset (reorg, restart) forgets every slot: the trie is asked again.
    c.reset('C')
    const before = t.reads()
    expect(c.backend('C', t.view).getRef!(ref)).toEqual(new Uint8Array([1]))
    expect(t.reads()).toBe(before + 1)
    // Another chain's cache in the same process does not take this cache's slot for its own.
    const other = new StateCache()
    other.reset('X')
    const t2 = counting(new Map([[ks, new Uint8Array([5])]]))
    expect(other.backend('X', t2.view).getRef!(ref)).toEqual(new Uint8Array([5]))
    expect(c.backend('C', t.view).getRef!(ref)).toEqual(new Uint8Array([1]))
  })

  it('an overlay reads accessor keys through the slots and its writes never reach the cache', () => {
    const { t, c, ref } = cacheAtA()
    const s = new Overlay(c.backend('A', t.view))
    expect(s.read(ref)).toEqual(new Uint8Array([1]))
    s.startTransaction()
    s.set(key, new Uint8Array([4]))
    expect(s.read(ref)).toEqual(new Uint8Array([4]))
    s.rollbackTransaction()
    expect(s.read(ref)).toEqual(new Uint8Array([1]))
    s.set(key, new Uint8Array([6]))
    expect(new Overlay(c.backend('A', t.view)).read(ref)).toEqual(new Uint8Array([1]))
    expect(t.reads()).toBe(1)
  })

  it('serves listings as key strings and as keys alike', () => {
    const item = 'y'.repeat(32)
    const m = new Map([[item + 'b', new Uint8Array([1])], [item + 'a', new Uint8Array([1])]])
    const view = { get: () => null, keys: (p: Uint8Array) => [...m.keys()].filter((k) => k.startsWith(toKeyString(p))).sort().map(fromKeyString) } as unknown as TrieView
    const c = new StateCache()
    c.reset('A')
    const b = c.backend('A', view)
    expect([...b.keyStrings!(fromKeyString(item))]).toEqual([item + 'a', item + 'b'])
    expect([...b.keys(fromKeyString(item))].map(toKeyString)).toEqual([item + 'a', item + 'b'])
    expect([...b.keyStrings!(fromKeyString(item), fromKeyString(item + 'a'))]).toEqual([item + 'b'])
  })
})

describe('StateCache trail of written keys', () => {
  const trie = (m: Map<string, Uint8Array>): TrieView => ({ get: (k: Uint8Array) => m.get(toKeyString(k)) ?? null, keys: () => [] }) as unknown as TrieView
  const u = (n: number): Uint8Array => new Uint8Array([n])
  const ref = (ks: string): StorageRef => ({ key: fromKeyString(ks), ks })
  // Keys the cache does not hold are read from A's state: a changed key read from there would be stale.
  const stateA = new Map([['a', u(1)], ['b', u(2)], ['c', u(3)]])
  const read = (c: StateCache, at: string, ks: string[]): (Uint8Array | null)[] => {
    const b = c.backend(at, trie(stateA))
    return ks.map((k) => b.get(fromKeyString(k)))
  }

  it('advances right after writes through accessor keys, plain keys, rollbacks and blocks not committed', () => {
    const state = stateA
    const c = new StateCache()
    c.reset('A')
    const refs = { a: ref('a'), b: ref('b'), c: ref('c') }
    // Two candidate blocks on A, the second one committed; the first writes keys the second does not.
    const other = new Overlay(c.backend('A', trie(state)))
    other.setRef(refs.c, u(30))
    other.set(fromKeyString('e'), u(50))
    const s = new Overlay(c.backend('A', trie(state)))
    s.read(refs.a)
    s.read(refs.b)
    s.setRef(refs.a, u(10))
    s.startTransaction()
    s.setRef(refs.b, u(20))
    s.set(fromKeyString('d'), u(40))
    s.rollbackTransaction()
    s.setRef(refs.b, null)
    s.set(fromKeyString('d'), u(41))
    s.setRef(refs.a, u(11))
    c.advance('A', 'B', s.changes())
    expect(read(c, 'B', ['a', 'b', 'c', 'd', 'e'])).toEqual([u(11), null, u(3), u(41), null])
    // Accessor keys that remembered their slots read B's values without the trie.
    const b = new Overlay(c.backend('B', trie(new Map())))
    expect([b.read(refs.a), b.read(refs.b)]).toEqual([u(11), null])
    // A diff no overlay over this cache wrote (a block imported with another reader).
    c.advance('B', 'C', new Map([['a', u(12)], ['f', u(6)]]))
    expect(read(c, 'C', ['a', 'b', 'f'])).toEqual([u(12), null, u(6)])
    // A reader kept from before an advance: its writes reach no later block.
    const late = new Overlay(c.backend('C', trie(new Map())))
    const s2 = new Overlay(c.backend('C', trie(new Map())))
    s2.setRef(refs.a, u(13))
    c.advance('C', 'D', s2.changes())
    late.setRef(refs.b, u(99))
    late.setRef(refs.a, u(98))
    c.advance('D', 'E', new Map([['f', u(7)]]))
    expect(read(c, 'E', ['a', 'b', 'f'])).toEqual([u(13), null, u(7)])
  })

  it('a trail that overflowed leaves advance looking every key up', () => {
    const c = new StateCache()
    c.reset('A')
    const s = new Overlay(c.backend('A', trie(new Map([['k0', u(1)]]))))
    for (let i = 0; i < 70_000; i++) s.set(fromKeyString(`k${i}`), u(i % 256))
    const changes = s.changes()
    c.advance('A', 'B', changes)
    expect(read(c, 'B', ['k0', 'k69999'])).toEqual([u(0), u(69_999 % 256)])
  })
})

describe('StateCache advance against a model', () => {
  const u = (n: number): Uint8Array => new Uint8Array([n])
  const trie = (m: Map<string, Uint8Array>): TrieView => ({ get: (k: Uint8Array) => m.get(toKeyString(k)) ?? null, keys: () => [] }) as unknown as TrieView
  // A small key space (so keys repeat, join, leave and come back) with an accessor ref per key.
  const KEYS = Array.from({ length: 12 }, (_, i) => `key${String.fromCharCode(97 + i)}`)
  type Op =
    | { kind: 'write'; by: 'block' | 'other'; key: number; value: number | null; viaRef: boolean }
    | { kind: 'read'; key: number }
    | { kind: 'start' } | { kind: 'commit' } | { kind: 'rollback' }
    | { kind: 'noise'; count: number }
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('write' as const), by: fc.constantFrom('block' as const, 'block' as const, 'other' as const), key: fc.nat(KEYS.length - 1), value: fc.option(fc.nat(255), { freq: 4 }), viaRef: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), key: fc.nat(KEYS.length - 1) }) },
    { weight: 1, arbitrary: fc.constantFrom({ kind: 'start' as const }, { kind: 'commit' as const }, { kind: 'rollback' as const }) },
    // Writes of keys outside the block by another overlay: a run longer than advance's look-ahead.
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('noise' as const), count: fc.integer({ min: 1, max: 90 }) }) },
  )

  it('leaves every key and every remembered slot as the committed diff says, over several blocks', () => {
    // `extra`: keys put in the diff that no overlay over the cache wrote (not on the trail), per block.
    fc.assert(fc.property(fc.array(fc.array(op, { maxLength: 40 }), { minLength: 1, maxLength: 4 }), fc.boolean(), fc.array(fc.nat(KEYS.length - 1), { maxLength: 3 }), (blocks, dropAbsent, extra) => {
      const c = new StateCache()
      // The trie holds the first state only: a key the cache failed to update reads stale from it.
      const first = new Map(KEYS.filter((_, i) => i % 3 !== 0).map((k, i) => [k, u(100 + i)] as [string, Uint8Array]))
      const model = new Map(first)
      const refs = KEYS.map((ks) => new KeyRefLike(ks))
      c.reset('B0')
      for (let b = 0; b < blocks.length; b++) {
        const at = `B${b}`
        const s = new Overlay(c.backend(at, trie(first)))
        const other = new Overlay(c.backend(at, trie(first)))
        let depth = 0
        for (const o of blocks[b]!) {
          if (o.kind === 'write') {
            const target = o.by === 'block' ? s : other
            const v = o.value === null ? null : u(o.value)
            if (o.viaRef) target.setRef(refs[o.key]!, v); else target.set(fromKeyString(KEYS[o.key]!), v)
          } else if (o.kind === 'read') s.read(refs[o.key]!)
          else if (o.kind === 'start') { s.startTransaction(); depth++ }
          else if (o.kind === 'commit' && depth > 0) { s.commitTransaction(); depth-- }
          else if (o.kind === 'rollback' && depth > 0) { s.rollbackTransaction(); depth-- }
          else if (o.kind === 'noise') for (let i = 0; i < o.count; i++) other.set(fromKeyString(`noise${i}`), u(i))
        }
        while (depth-- > 0) s.commitTransaction()
        const changes = s.changes()
        // As the chain's build does: deletions of keys the parent lacks leave the diff.
        if (dropAbsent) changes.forEach((v, k) => { if (v === null && !model.has(k)) changes.delete(k) })
        for (const i of extra) if (!changes.has(KEYS[i]!)) changes.set(KEYS[i]!, u(200 + b))
        changes.forEach((v, k) => { if (v === null) model.delete(k); else model.set(k, v) })
        c.advance(at, `B${b + 1}`, changes)
        const next = `B${b + 1}`
        const plain = c.backend(next, trie(first))
        for (const k of KEYS) expect(plain.get(fromKeyString(k))).toEqual(model.get(k) ?? null)
        const reader = new Overlay(c.backend(next, trie(first)))
        for (let i = 0; i < KEYS.length; i++) expect(reader.read(refs[i]!)).toEqual(model.get(KEYS[i]!) ?? null)
      }
    }), { numRuns: 300 })
  })
})

describe('StateCache accessor keys serving as their own slots', () => {
  const u = (n: number): Uint8Array => new Uint8Array([n])
  const KEYS = Array.from({ length: 8 }, (_, i) => `key${String.fromCharCode(97 + i)}`)
  type Op =
    | { kind: 'write'; chain: number; key: number; value: number | null; via: number }
    | { kind: 'read'; chain: number; key: number; via: number }
    | { kind: 'start' | 'commit' | 'rollback'; chain: number }
  const chain = fc.nat(1)
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('write' as const), chain, key: fc.nat(KEYS.length - 1), value: fc.option(fc.nat(40), { freq: 4 }), via: fc.nat(2) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), chain, key: fc.nat(KEYS.length - 1), via: fc.nat(1) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('start' as const, 'commit' as const, 'rollback' as const), chain }) },
  )
  const block = fc.record({ ops: fc.array(op, { maxLength: 30 }), reset: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }), commit: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }) })

  it('two chains\' caches share the refs, two refs hold each key, and resets and blocks not committed come between', () => {
    fc.assert(fc.property(fc.array(block, { minLength: 1, maxLength: 5 }), (blocks) => {
      // Chain i's values are 50·i apart: a slot one cache took from the other reads wrong.
      const caches = [new StateCache(), new StateCache()]
      const models = [0, 1].map((i) => new Map(KEYS.filter((_, k) => k % 3 !== i).map((k, j) => [k, u(50 * i + j)] as [string, Uint8Array])))
      const heads = [0, 0]
      // Two refs per key (an item's key cache reset makes a second one; Balances keeps its own).
      const refs = [KEYS.map((ks) => new KeyRefLike(ks)), KEYS.map((ks) => new KeyRefLike(ks))]
      const trieOf = (m: Map<string, Uint8Array>): TrieView => {
        const frozen = new Map(m)
        return ({ get: (k: Uint8Array) => frozen.get(toKeyString(k)) ?? null, keys: () => [] }) as unknown as TrieView
      }
      caches.forEach((c, i) => c.reset(`${i}:0`))
      const check = (i: number): void => {
        const at = `${i}:${heads[i]}`
        const reader = new Overlay(caches[i]!.backend(at, trieOf(models[i]!)))
        for (const r of [0, 1]) for (let k = 0; k < KEYS.length; k++) expect(reader.read(refs[r]![k]!)).toEqual(models[i]!.get(KEYS[k]!) ?? null)
        for (const k of KEYS) expect(reader.getString(k)).toEqual(models[i]!.get(k) ?? null)
      }
      for (const b of blocks) {
        for (const i of [0, 1]) if (b.reset[i]) caches[i]!.reset(`${i}:${heads[i]}`)
        const tries = [0, 1].map((i) => trieOf(models[i]!))
        const overlays = [0, 1].map((i) => new Overlay(caches[i]!.backend(`${i}:${heads[i]}`, tries[i]!)))
        const depth = [0, 0]
        for (const o of b.ops) {
          const s = overlays[o.chain]!
          if (o.kind === 'write') {
            const v = o.value === null ? null : u(50 * o.chain + o.value)
            if (o.via < 2) s.setRef(refs[o.via]![o.key]!, v); else s.set(fromKeyString(KEYS[o.key]!), v)
          } else if (o.kind === 'read') s.read(refs[o.via]![o.key]!)
          else if (o.kind === 'start') { s.startTransaction(); depth[o.chain]!++ }
          else if (depth[o.chain]! > 0) {
            if (o.kind === 'commit') s.commitTransaction(); else s.rollbackTransaction()
            depth[o.chain]!--
          }
        }
        for (const i of [0, 1]) {
          if (!b.commit[i]) continue
          const s = overlays[i]!
          while (depth[i]!-- > 0) s.commitTransaction()
          const changes = s.changes()
          changes.forEach((v, k) => { if (v === null) models[i]!.delete(k); else models[i]!.set(k, v) })
          caches[i]!.advance(`${i}:${heads[i]}`, `${i}:${heads[i]! + 1}`, changes)
          heads[i]!++
        }
        check(0)
        check(1)
      }
    }), { numRuns: 400 })
  })
})

/** An accessor's key as declare/key-ref.ts makes it (every field set, a filter bit). */
class KeyRefLike implements StorageRef {
  slotOf: unknown = undefined
  slot: unknown = undefined
  v: Uint8Array | null = null
  slotHost: unknown = undefined
  readonly key: Uint8Array
  readonly bit: number
  constructor(readonly ks: string) { this.key = fromKeyString(ks); this.bit = keyBit(ks) }
}
