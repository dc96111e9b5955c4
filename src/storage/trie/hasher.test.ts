import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { blake2_256 } from './hasher.js'

// A small deterministic generator: the inputs are reproducible when a length fails.
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n)
  let x = seed >>> 0 || 1
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0
    x ^= x >>> 17
    x ^= x << 5; x >>>= 0
    out[i] = x & 0xff
  }
  return out
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

describe('trie blake2_256 (own wasm module)', () => {
  beforeAll(async () => { await cryptoWaitReady() })

  it('matches RFC 7693 / Substrate for known inputs', () => {
    // blake2b-256 of the empty input and of [0x00] (the empty trie root).
    expect(hex(blake2_256(new Uint8Array(0)))).toBe('0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8')
    expect(hex(blake2_256(Uint8Array.of(0)))).toBe('03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314')
  })

  it('equals @polkadot/util-crypto on every length around the block boundaries', () => {
    for (let n = 0; n <= 520; n++) {
      const d = bytes(n, n + 1)
      expect(hex(blake2_256(d)), `length ${n}`).toBe(hex(blake2AsU8a(d, 256)))
    }
  })

  it('equals @polkadot/util-crypto on random inputs, including ones that grow its memory', () => {
    for (let k = 0; k < 300; k++) {
      const n = (bytes(4, 1000 + k)[0]! * 37 + k * 101) % 4000
      const d = bytes(n, 7 + k)
      expect(hex(blake2_256(d)), `length ${n}`).toBe(hex(blake2AsU8a(d, 256)))
    }
    for (const n of [131_072, 1_000_003]) {
      const d = bytes(n, n)
      expect(hex(blake2_256(d)), `length ${n}`).toBe(hex(blake2AsU8a(d, 256)))
    }
  })

  it('returns a fresh array each call, and reads views at any offset', () => {
    const a = blake2_256(Uint8Array.of(1, 2, 3))
    const b = blake2_256(Uint8Array.of(4, 5, 6))
    expect(hex(a)).toBe(hex(blake2AsU8a(Uint8Array.of(1, 2, 3), 256)))
    expect(hex(a)).not.toBe(hex(b))
    const big = bytes(300, 5)
    const view = big.subarray(17, 250)
    expect(hex(blake2_256(view))).toBe(hex(blake2AsU8a(view.slice(), 256)))
  })
})
