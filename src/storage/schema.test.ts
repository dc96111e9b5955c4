import { TypeRegistry } from '@polkadot/types'
import { u8aToHex } from '@polkadot/util'
import { describe, expect, it } from 'vitest'
import {
  BEST_KEY, bodyKey, canonicalKey, childKey, childPrefix, decodeBody, decodeMeta, encodeBody, encodeMeta,
  FINALIZED_KEY, GENESIS_KEY, headerKey, isReservedKey, metaKey, nodeKey, VERSION_KEY,
} from './schema.js'

const h = (fill: number): Uint8Array => new Uint8Array(32).fill(fill)

describe('schema', () => {
  it('puts a one-byte column tag in front of each key', () => {
    expect(nodeKey(h(1))[0]).toBe('n'.charCodeAt(0))
    expect(headerKey(h(1))[0]).toBe('h'.charCodeAt(0))
    expect(bodyKey(h(1))[0]).toBe('b'.charCodeAt(0))
    expect(metaKey(h(1))[0]).toBe('m'.charCodeAt(0))
    expect(canonicalKey(1)[0]).toBe('c'.charCodeAt(0))
    expect(childKey(h(1), h(2))[0]).toBe('k'.charCodeAt(0))
    expect(new TextDecoder().decode(BEST_KEY)).toBe('p:best')
    expect(new TextDecoder().decode(FINALIZED_KEY)).toBe('p:finalized')
    expect(new TextDecoder().decode(GENESIS_KEY)).toBe('p:genesis')
    expect(new TextDecoder().decode(VERSION_KEY)).toBe('v')
    expect(nodeKey(h(7)).subarray(1)).toEqual(h(7))
    expect(() => nodeKey(new Uint8Array(31))).toThrow(/32-byte/)
  })

  it('canonical keys are big-endian so byte order is block order', () => {
    expect(u8aToHex(canonicalKey(0x01020304))).toBe('0x6301020304')
    expect(u8aToHex(canonicalKey(0xfedcba98))).toBe('0x63fedcba98')
    const nums = [0, 1, 255, 256, 65_535, 65_536, 16_777_216, 0xffff_ffff]
    const keys = nums.map(canonicalKey).map((k) => Buffer.from(k))
    expect([...keys].sort(Buffer.compare)).toEqual(keys)
    expect(() => canonicalKey(-1)).toThrow()
    expect(() => canonicalKey(2 ** 32)).toThrow()
    expect(() => canonicalKey(1.5)).toThrow()
  })

  it('child keys are parent ++ child and share the parent prefix', () => {
    const k = childKey(h(3), h(4))
    expect(k.length).toBe(65)
    expect(k.subarray(0, 33)).toEqual(childPrefix(h(3)))
    expect(k.subarray(33)).toEqual(h(4))
  })

  it('meta round-trips', () => {
    const m = { number: 0xdead_beef, parentHash: h(5), stateRoot: h(6), hasState: true, checkpoint: false, packed: true }
    expect(decodeMeta(encodeMeta(m))).toEqual(m)
    for (const [checkpoint, packed] of [[true, false], [true, true]] as const) {
      expect(decodeMeta(encodeMeta({ ...m, checkpoint, packed }))).toEqual({ ...m, checkpoint, packed })
    }
    expect(decodeMeta(encodeMeta({ ...m, number: 0, hasState: false, checkpoint: true, packed: false })))
      .toEqual({ ...m, number: 0, hasState: false, checkpoint: true, packed: false })
    // A version-1 meta (flags 1, no pack): every node of its state is under 'n', as at a checkpoint.
    const v1 = encodeMeta(m)
    v1[v1.length - 1] = 1
    expect(decodeMeta(v1)).toEqual({ ...m, checkpoint: true, packed: false })
    expect(() => decodeMeta(new Uint8Array(10))).toThrow(/corrupt/)
  })

  it('body is SCALE Vec<Bytes>, as @polkadot/types encodes it', () => {
    const registry = new TypeRegistry()
    const xts = [new Uint8Array(0), Uint8Array.of(1, 2, 3), new Uint8Array(70).fill(9), new Uint8Array(20_000).fill(4)]
    const enc = encodeBody(xts)
    expect(u8aToHex(enc)).toBe(registry.createType('Vec<Bytes>', xts.map((x) => Array.from(x))).toHex())
    expect(decodeBody(enc)).toEqual(xts)
    expect(decodeBody(encodeBody([]))).toEqual([])
    expect(() => decodeBody(Uint8Array.of(4, 8, 1))).toThrow(/corrupt/)
    expect(() => decodeBody(Uint8Array.of(0, 0))).toThrow(/trailing/)
  })

  it('reserves the block-store columns', () => {
    for (const c of 'vnhbmckpPr') expect(isReservedKey(Uint8Array.of(c.charCodeAt(0), 1))).toBe(true)
    expect(isReservedKey(Uint8Array.of('x'.charCodeAt(0), 1))).toBe(false)
    expect(isReservedKey(new Uint8Array(0))).toBe(true)
  })
})
