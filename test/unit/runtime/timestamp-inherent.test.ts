import { describe, expect, it } from 'vitest'
import { encode } from '../../../src/codec/scale.js'
import { bareExtrinsic, decodeExtrinsic } from '../../../src/runtime/extrinsic.js'
import { Runtime } from '../../../src/runtime/runtime.js'

describe('the timestamp inherent', () => {
  it('is a bare Timestamp.set carrying the moment, for every width of its compact encoding', async () => {
    const runtime = await Runtime.get()
    const { call: RuntimeCall, extensions } = runtime.extrinsic
    for (const now of [0n, 63n, 64n, 16_383n, 16_384n, (1n << 30n) - 1n, 1n << 30n, 1_764_930_000_250n, (1n << 64n) - 1n]) {
      const raw = runtime.timestampInherent(now)
      const call = { type: 'Timestamp', value: { type: 'set', value: { now } } }
      // the bytes the generic encoder makes of the call
      expect(raw).toEqual(bareExtrinsic(encode(RuntimeCall, call)))
      const xt = decodeExtrinsic(raw, RuntimeCall, extensions)
      expect(xt.signed).toBeNull()
      expect(xt.call).toEqual(call)
    }
  })

  it('is applied as the decoding of its bytes would give it, hash included', async () => {
    const runtime = await Runtime.get()
    const { call: RuntimeCall, extensions } = runtime.extrinsic
    for (const now of [0n, 1_764_930_000_250n, (1n << 64n) - 1n]) {
      const raw = runtime.timestampInherent(now)
      const own = runtime.executive.decode(raw)
      const decoded = decodeExtrinsic(raw.slice(), RuntimeCall, extensions)
      expect(own.signed).toBeNull()
      expect(own.call).toEqual(decoded.call)
      expect(own.callBytes).toEqual(decoded.callBytes)
      expect(own.raw).toBe(raw)
      expect(own.hash).toEqual(decoded.hash)
      expect(runtime.extrinsicHash(raw)).toEqual(decoded.hash)
    }
  })
})
