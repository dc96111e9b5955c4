// StorageMap.append writes, byte for byte, what `mutate(v => [...v, x])` writes.
import { describe, expect, it } from 'vitest'
import { cryptoReady } from '../../codec/hashing.js'
import { encode } from '../../codec/scale.js'
import { bool, bytes, u16, u64, vec } from '../../codec/types.js'
import { Overlay } from '../../storage/overlay.js'
import { Pallet } from './pallet.js'

await cryptoReady()
const p = new Pallet('AppendTest', 200, 'pallet_append_test')
const Flags = p.map<number, boolean[]>('Flags', 'Identity', u16, vec(bool), { default: [] })
const Counts = p.map<number, number[]>('Counts', 'Identity', u16, vec(u16), { default: [] })
const Blocks = p.map<number, bigint[]>('Blocks', 'Identity', u16, vec(u64), { default: [] })
const Blobs = p.map<number, Uint8Array[]>('Blobs', 'Identity', u16, vec(bytes), { default: [] })

const fresh = (): Overlay => new Overlay({ get: () => null, keys: () => [] })

describe('StorageMap.append', () => {
  it('equals mutate + push for fixed-width elements, from absent and from present values', () => {
    const a = fresh()
    const b = fresh()
    const counts = Array.from({ length: 300 }, (_, i) => (i * 7919) % 65_536)
    for (const [i, c] of counts.entries()) {
      Counts.append(a, 1, c)
      Counts.mutate(b, 1, (v) => [...v, c])
      Flags.append(a, 2, i % 3 === 0)
      Flags.mutate(b, 2, (v) => [...v, i % 3 === 0])
      Blocks.append(a, 3, BigInt(i) * 1_000_000_007n)
      Blocks.mutate(b, 3, (v) => [...v, BigInt(i) * 1_000_000_007n])
    }
    for (const [item, k] of [[Counts, 1], [Flags, 2], [Blocks, 3]] as const) expect(a.get(item.key(k))).toEqual(b.get(item.key(k)))
    // past 63 and 16,383 elements the length prefix grows: checked by decoding
    expect(Counts.get(a, 1)).toEqual(counts)
  })

  it('falls back to mutate for elements of varying width', () => {
    const a = fresh()
    Blobs.append(a, 1, new Uint8Array([1, 2, 3]))
    Blobs.append(a, 1, new Uint8Array([4]))
    expect(Blobs.get(a, 1)).toEqual([new Uint8Array([1, 2, 3]), new Uint8Array([4])])
  })

  it('bytes that are not a vector of that width go through decoding (and its error)', () => {
    const a = fresh()
    a.set(Counts.key(1), new Uint8Array([8, 1, 0, 2]))
    expect(() => Counts.append(a, 1, 5)).toThrow()
    a.set(Counts.key(1), encode(vec(u16), [1, 2]))
    Counts.append(a, 1, 3)
    expect(Counts.get(a, 1)).toEqual([1, 2, 3])
  })
})
