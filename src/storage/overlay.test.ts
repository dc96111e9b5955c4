import { describe, expect, it } from 'vitest'
import { compactBytes } from '../codec/scale.js'
import { fromKeyString, Overlay, toKeyString, type StateBackend } from './overlay.js'

const k = (s: string): Uint8Array => new TextEncoder().encode(s)
const v = (n: number): Uint8Array => new Uint8Array([n])

function backend(entries: [string, number][]): StateBackend {
  const m = new Map(entries.map(([a, b]) => [toKeyString(k(a)), v(b)]))
  return {
    get: (key) => m.get(toKeyString(key)) ?? null,
    *keys(prefix, after) {
      const p = toKeyString(prefix)
      const a = after ? toKeyString(after) : ''
      for (const key of [...m.keys()].sort()) if (key.startsWith(p) && key > a) yield fromKeyString(key)
    },
  }
}

describe('Overlay', () => {
  it('reads through layers to the backend and commits or rolls back nested transactions', () => {
    const s = new Overlay(backend([['a', 1], ['b', 2]]))
    s.set(k('a'), v(10))
    s.startTransaction()
    s.set(k('b'), v(20))
    s.startTransaction()
    s.remove(k('a'))
    expect(s.get(k('a'))).toBeNull()
    s.rollbackTransaction()
    expect(s.get(k('a'))).toEqual(v(10))
    s.commitTransaction()
    expect(s.get(k('b'))).toEqual(v(20))
    expect([...s.changes().keys()].sort()).toEqual(['a', 'b'])
  })

  it('transactional() keeps writes on success and drops them on throw', () => {
    const s = new Overlay(backend([]))
    s.transactional(() => s.set(k('x'), v(1)))
    expect(() => s.transactional(() => { s.set(k('y'), v(2)); throw new Error('boom') })).toThrow('boom')
    expect(s.get(k('x'))).toEqual(v(1))
    expect(s.get(k('y'))).toBeNull()
  })

  it('iterates merged keys in byte order, skipping deletions', () => {
    const s = new Overlay(backend([['p1', 1], ['p3', 3], ['q', 9]]))
    s.set(k('p2'), v(2))
    s.remove(k('p3'))
    s.startTransaction()
    s.set(k('p4'), v(4))
    expect([...s.keys(k('p'))].map((x) => new TextDecoder().decode(x))).toEqual(['p1', 'p2', 'p4'])
    expect(new TextDecoder().decode(s.nextKey(k('p2'))!)).toBe('p4')
    expect(s.clearPrefix(k('p'))).toBe(3)
    expect([...s.keys(k('p'))]).toEqual([])
    s.rollbackTransaction()
    expect([...s.keys(k('p'))].length).toBe(2)
  })

  it('append builds a SCALE vector and respects rollback', () => {
    const s = new Overlay(backend([]))
    const key = k('events')
    s.append(key, v(7))
    s.startTransaction()
    s.append(key, v(8))
    s.rollbackTransaction()
    s.startTransaction()
    s.append(key, v(9))
    s.commitTransaction()
    s.append(key, v(10))
    expect(s.get(key)).toEqual(new Uint8Array([...compactBytes(3), 7, 9, 10]))
  })

  it('append takes an element as its parts (an event record), counted once and joined in order', () => {
    const existing = new Uint8Array([...compactBytes(1), 5])
    const s = new Overlay({ get: () => existing, keys: () => [] })
    const key = k('events')
    s.append(key, [v(1), new Uint8Array([2, 3]), v(4)])
    s.startTransaction()
    s.append(key, v(6))
    s.append(key, [v(7), v(8)])
    s.commitTransaction()
    expect(s.vecShape(key)).toEqual({ count: 4, bytes: 8 })
    expect(s.get(key)).toEqual(new Uint8Array([...compactBytes(4), 5, 1, 2, 3, 4, 6, 7, 8]))
  })

  it('append extends a vector already in the backend', () => {
    const existing = new Uint8Array([...compactBytes(1), 5])
    const s = new Overlay({ get: () => existing, keys: () => [] })
    s.append(k('e'), v(6))
    expect(s.get(k('e'))).toEqual(new Uint8Array([...compactBytes(2), 5, 6]))
  })

  it('lists keys under item-long prefixes from every layer (writes, deletes, commits, rollbacks) as a full scan would', () => {
    const item = (c: string): string => c.repeat(32)
    const key = (c: string, rest: string): Uint8Array => k(item(c) + rest)
    const s = new Overlay(backend([[item('a') + '1', 1], [item('a') + '3', 3], [item('b') + '1', 1]]))
    s.set(key('a', '2'), v(2))
    s.startTransaction()
    s.set(key('a', '1'), null)
    s.set(key('a', '4'), v(4))
    s.set(key('b', '2'), v(2))
    s.startTransaction()
    s.set(key('a', '5'), v(5))
    s.rollbackTransaction()
    s.commitTransaction()
    s.append(key('a', '6'), v(6))
    const list = (p: string): string[] => [...s.keys(k(p))].map((x) => new TextDecoder().decode(x).slice(32))
    expect(list(item('a'))).toEqual(['2', '3', '4', '6'])
    expect(list(item('a') + '3')).toEqual(['3'])
    expect(list(item('b'))).toEqual(['1', '2'])
    // shorter than an item prefix: the full scan, same answers
    expect(list('a'.repeat(31))).toEqual(['2', '3', '4', '6'])
    // Writes after a layer's first listing (its index is built then) are listed too.
    s.startTransaction()
    expect(list(item('a'))).toEqual(['2', '3', '4', '6'])
    s.set(key('a', '7'), v(7))
    s.set(key('a', '3'), null)
    expect(list(item('a'))).toEqual(['2', '4', '6', '7'])
    s.commitTransaction()
    s.set(key('a', '8'), v(8))
    expect(list(item('a'))).toEqual(['2', '4', '6', '7', '8'])
  })
})
