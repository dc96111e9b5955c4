// The journalled overlay (one map of current entries, undo journals per transaction) against a
// plain model of stacked layers, the overlay's previous design, on random operation sequences.
import { describe, expect, it } from 'vitest'
import { compactBytes, readCompactNumber, Reader } from '../codec/scale.js'
import { fromKeyString, keyBit, Overlay, toKeyString, type StateBackend, type StorageRef } from './overlay.js'

/** Layers of key → value (null deleted, number[] an appended Vec's items over what is below). */
class LayeredModel {
  layers: Map<string, Uint8Array | null>[] = [new Map()]
  constructor(readonly base: Map<string, Uint8Array>) {}
  get(ks: string): Uint8Array | null {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const v = this.layers[i]!.get(ks)
      if (v !== undefined) return v
    }
    return this.base.get(ks) ?? null
  }
  set(ks: string, v: Uint8Array | null): void { this.layers[this.layers.length - 1]!.set(ks, v) }
  append(ks: string, item: Uint8Array): void {
    const prev = this.get(ks)
    let items: number[] = []
    if (prev !== null) items = [...prev.subarray(1)]
    this.set(ks, new Uint8Array([...compactBytes(items.length + 1), ...items, ...item]))
  }
  start(): void { this.layers.push(new Map()) }
  commit(): void { const top = this.layers.pop()!; for (const [k, v] of top) this.layers[this.layers.length - 1]!.set(k, v) }
  rollback(): void { this.layers.pop() }
  keys(prefix: string): string[] {
    const all = new Set([...this.base.keys(), ...this.layers.flatMap((l) => [...l.keys()])])
    return [...all].filter((k) => k.startsWith(prefix) && this.get(k) !== null).sort()
  }
}

function backendOf(m: Map<string, Uint8Array>): StateBackend {
  return {
    get: (key) => m.get(toKeyString(key)) ?? null,
    keys: (prefix, after) => {
      const p = toKeyString(prefix)
      const a = after ? toKeyString(after) : ''
      return [...m.keys()].filter((k) => k.startsWith(p) && k > a).sort().map(fromKeyString)
    },
  }
}

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('Overlay journal', () => {
  it('matches stacked layers on random writes, appends, commits and rollbacks (values, listings, diff and its order)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = rng(seed)
      const items = ['p'.repeat(32), 'q'.repeat(32)]
      const keyAt = (): string => items[Math.floor(rand() * 2)]! + String.fromCharCode(97 + Math.floor(rand() * 12))
      const base = new Map<string, Uint8Array>()
      for (let i = 0; i < 8; i++) base.set(keyAt(), new Uint8Array([...compactBytes(1), i]))
      const model = new LayeredModel(base)
      const s = new Overlay(backendOf(base))
      // Two accessor keys per key (two items may declare one key): a write through either, or a
      // plain one, is seen by reads through both.
      const refs = new Map<string, StorageRef[]>()
      const refOf = (ks: string): StorageRef => {
        let two = refs.get(ks)
        if (!two) refs.set(ks, two = [0, 1].map(() => ({ key: fromKeyString(ks), ks, bit: keyBit(ks) })))
        return two[Math.floor(rand() * 2)]!
      }
      for (let step = 0; step < 300; step++) {
        const r = rand()
        const ks = keyAt()
        if (r < 0.15) { const v = new Uint8Array([...compactBytes(1), step & 0xff]); s.set(fromKeyString(ks), v); model.set(ks, v) }
        else if (r < 0.3) { const v = new Uint8Array([...compactBytes(1), step & 0xff]); s.setRef(refOf(ks), v); model.set(ks, v) }
        else if (r < 0.4) { s.set(fromKeyString(ks), null); model.set(ks, null) }
        else if (r < 0.5) { s.append(fromKeyString(ks), new Uint8Array([step & 0xff])); model.append(ks, new Uint8Array([step & 0xff])) }
        else if (r < 0.6 && s.depth < 4) { s.startTransaction(); model.start() }
        else if (r < 0.7 && s.depth > 0) { s.commitTransaction(); model.commit() }
        else if (r < 0.78 && s.depth > 0) { s.rollbackTransaction(); model.rollback() }
        else if (r < 0.84) {
          const want = model.get(ks)
          expect(s.get(fromKeyString(ks))).toEqual(want)
          // (every value here is a Vec: its shape, as read from the model's bytes)
          const rd = want === null ? null : new Reader(want)
          expect(s.vecShape(fromKeyString(ks))).toEqual(rd === null ? null : { count: readCompactNumber(rd), bytes: want!.length - rd.pos })
        }
        else if (r < 0.9) expect(s.read(refOf(ks))).toEqual(model.get(ks))
        else {
          const p = items[Math.floor(rand() * 2)]!
          expect([...s.keys(fromKeyString(p))].map(toKeyString)).toEqual(model.keys(p))
          expect([...s.keyStrings(fromKeyString(p))]).toEqual(model.keys(p))
        }
      }
      while (s.depth > 0) { s.commitTransaction(); model.commit() }
      const diff = s.changes()
      expect([...diff.keys()]).toEqual([...model.layers[0]!.keys()])
      for (const [k, v] of model.layers[0]!) expect(diff.get(k)).toEqual(v)
    }
  })

  it('changes() is a snapshot: writes and rollbacks after it do not alter the diff handed out', () => {
    const s = new Overlay(backendOf(new Map()))
    s.set(fromKeyString('a'), new Uint8Array([1]))
    s.append(fromKeyString('e'), new Uint8Array([7]))
    const diff = s.changes()
    expect(diff.get('e')).toEqual(new Uint8Array([...compactBytes(1), 7]))
    s.set(fromKeyString('a'), new Uint8Array([2]))
    s.append(fromKeyString('e'), new Uint8Array([8]))
    s.startTransaction()
    s.set(fromKeyString('b'), new Uint8Array([3]))
    s.rollbackTransaction()
    expect([...diff.entries()]).toEqual([['a', new Uint8Array([1])], ['e', new Uint8Array([...compactBytes(1), 7])]])
    expect(s.get(fromKeyString('a'))).toEqual(new Uint8Array([2]))
    expect(s.get(fromKeyString('e'))).toEqual(new Uint8Array([...compactBytes(2), 7, 8]))
    expect([...s.changes().keys()]).toEqual(['a', 'e'])
  })

  it('a rollback after an inner commit restores what the outer transaction replaced', () => {
    const s = new Overlay(backendOf(new Map([['k', new Uint8Array([1])]])))
    const key = fromKeyString('k')
    s.startTransaction()
    s.startTransaction()
    s.set(key, new Uint8Array([2]))
    s.commitTransaction()
    s.set(key, new Uint8Array([3]))
    s.rollbackTransaction()
    expect(s.get(key)).toEqual(new Uint8Array([1]))
    expect(s.changes().size).toBe(0)
  })
})

describe('Overlay filter of written keys', () => {
  it('a key sharing its bit with a written key is still read right, from the backend or the overlay', () => {
    const item = 'r'.repeat(32)
    const first = item + 'a'
    let other = ''
    for (let i = 0; other === '' && i < 1 << 20; i++) {
      const ks = item + String.fromCharCode(i & 0xff, (i >> 8) & 0xff, i >> 16)
      if (ks !== first && keyBit(ks) === keyBit(first)) other = ks
    }
    expect(other).not.toBe('')
    const s = new Overlay(backendOf(new Map([[other, new Uint8Array([5])]])))
    const ref = (ks: string): StorageRef => ({ key: fromKeyString(ks), ks, bit: keyBit(ks) })
    expect(s.read(ref(other))).toEqual(new Uint8Array([5]))
    s.set(fromKeyString(first), new Uint8Array([1]))
    expect(s.read(ref(other))).toEqual(new Uint8Array([5]))
    expect(s.read(ref(first))).toEqual(new Uint8Array([1]))
    s.startTransaction()
    s.setRef(ref(other), null)
    expect(s.read(ref(other))).toBeNull()
    s.rollbackTransaction()
    expect(s.read(ref(other))).toEqual(new Uint8Array([5]))
    // A ref without a bit always looks in the overlay.
    s.set(fromKeyString(other), new Uint8Array([6]))
    expect(s.read({ key: fromKeyString(other), ks: other })).toEqual(new Uint8Array([6]))
  })
})
