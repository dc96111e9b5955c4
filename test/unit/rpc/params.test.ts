import { describe, expect, it } from 'vitest'
import { RpcError } from '../../../src/rpc/errors.js'
import {
  accountParam, blockNumber, hashParam, hexBytes, numberOrHex, optionalHash, u32Param,
} from '../../../src/rpc/methods/params.js'

const code = (f: () => unknown): number | undefined => {
  try {
    f()
  } catch (e) {
    return (e as RpcError).code
  }
  return undefined
}

describe('hexBytes', () => {
  it('accepts hex with and without 0x, and empty input', () => {
    expect([...hexBytes('0x0102ff')]).toEqual([1, 2, 255])
    expect([...hexBytes('0102FF')]).toEqual([1, 2, 255])
    expect(hexBytes('0x').length).toBe(0)
    expect(hexBytes('').length).toBe(0)
  })
  it('reads an odd digit count with the first digit alone, like impl-serde', () => {
    expect([...hexBytes('0x123')]).toEqual([0x01, 0x23])
  })
  it('rejects non-hex and non-strings with -32602', () => {
    expect(code(() => hexBytes('0xzz'))).toBe(-32602)
    expect(code(() => hexBytes(12))).toBe(-32602)
    expect(code(() => hexBytes(null))).toBe(-32602)
  })
  it('names the first bad character and its place (0x counted), wherever it is', () => {
    const data = (f: () => unknown): unknown => { try { f() } catch (e) { return (e as RpcError).data } return undefined }
    expect(data(() => hexBytes('0x0102g3'))).toBe('invalid hex character: g, at 6')
    expect(data(() => hexBytes('01020'))).toBeUndefined()
    expect(data(() => hexBytes('0102 '))).toBe('invalid hex character:  , at 4')
    expect(data(() => hexBytes('0x' + 'ab'.repeat(300) + 'x'))).toBe('invalid hex character: x, at 602')
  })
  it('gives plain bytes of their own', () => {
    const b = hexBytes('0x' + 'cd'.repeat(40))
    expect(Object.getPrototypeOf(b)).toBe(Uint8Array.prototype)
    expect(b.byteOffset === 0 && b.buffer.byteLength === 40).toBe(true)
  })
})

describe('hashes', () => {
  const h = '0x' + 'ab'.repeat(32)
  it('takes exactly 32 bytes, 0x optional', () => {
    expect(hashParam(h).length).toBe(32)
    expect(hashParam(h.slice(2)).length).toBe(32)
    expect(code(() => hashParam('0x' + 'ab'.repeat(31)))).toBe(-32602)
    expect(code(() => hashParam('0x' + 'a'.repeat(63)))).toBe(-32602)
  })
  it('treats null and absent as not given', () => {
    expect(optionalHash(null)).toBeUndefined()
    expect(optionalHash(undefined)).toBeUndefined()
  })
})

describe('numbers', () => {
  it('NumberOrHex takes JSON integers and hex strings', () => {
    expect(blockNumber(numberOrHex(5))).toBe(5)
    expect(blockNumber(numberOrHex('0x1a'))).toBe(26)
    expect(blockNumber(numberOrHex('0x0'))).toBe(0)
  })
  it('rejects negatives and fractions as invalid params', () => {
    expect(code(() => numberOrHex(-1))).toBe(-32602)
    expect(code(() => numberOrHex(1.5))).toBe(-32602)
    expect(code(() => numberOrHex(true))).toBe(-32602)
  })
  it('a number past u32 is the chain module error with the node text', () => {
    try {
      blockNumber(numberOrHex(2 ** 32))
      expect.unreachable()
    } catch (e) {
      expect((e as RpcError).code).toBe(3001)
      expect((e as RpcError).message).toBe('`Number(4294967296)` > u32::MAX, the max block number is u32.')
    }
  })
  it('u32 params', () => {
    expect(u32Param(1000)).toBe(1000)
    expect(code(() => u32Param('10'))).toBe(-32602)
    expect(code(() => u32Param(2 ** 32))).toBe(-32602)
  })
})

describe('accountParam', () => {
  // Alice (//Alice, sr25519): the published dev-account SS58 address and public key.
  const alicePk = 'd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d'
  it('decodes SS58 and 32-byte hex', () => {
    expect(Buffer.from(accountParam('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY')).toString('hex')).toBe(alicePk)
    expect(Buffer.from(accountParam('0x' + alicePk)).toString('hex')).toBe(alicePk)
  })
  it('rejects garbage with -32602', () => {
    expect(code(() => accountParam('5Grwva'))).toBe(-32602)
    expect(code(() => accountParam(42))).toBe(-32602)
  })
})
