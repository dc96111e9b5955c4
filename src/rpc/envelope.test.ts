import { describe, expect, it } from 'vitest'
import {
  FrameKind,
  errorFrame,
  frameKind,
  idOfInvalid,
  isNotification,
  isWellFormed,
  normalizeParams,
  notificationFrame,
  resultJson,
  successFrame,
} from './envelope.js'
import { RpcError } from './errors.js'

describe('frameKind', () => {
  it('looks at the first non-whitespace character only', () => {
    expect(frameKind('{"a":1}')).toBe(FrameKind.Single)
    expect(frameKind(' \r\n\t[1]')).toBe(FrameKind.Batch)
    expect(frameKind('"str"')).toBe(FrameKind.Malformed)
    expect(frameKind('')).toBe(FrameKind.Malformed)
    expect(frameKind('   ')).toBe(FrameKind.Malformed)
    // jsonrpsee gives up after 128 bytes of whitespace
    expect(frameKind(' '.repeat(128) + '{}')).toBe(FrameKind.Malformed)
    expect(frameKind(' '.repeat(127) + '{}')).toBe(FrameKind.Single)
  })
})

describe('isWellFormed', () => {
  it('accepts calls and notifications', () => {
    expect(isWellFormed({ jsonrpc: '2.0', method: 'm', id: 1 })).toBe(true)
    expect(isWellFormed({ jsonrpc: '2.0', method: 'm', id: 'x', params: [] })).toBe(true)
    expect(isWellFormed({ jsonrpc: '2.0', method: 'm', id: null })).toBe(true)
    expect(isWellFormed({ jsonrpc: '2.0', method: 'm' })).toBe(true)
    // unknown members are ignored, as serde does for Request
    expect(isWellFormed({ jsonrpc: '2.0', method: 'm', id: 1, extra: true })).toBe(true)
  })

  it('rejects wrong version, missing method and ids of the wrong type', () => {
    expect(isWellFormed({ jsonrpc: '1.0', method: 'm', id: 1 })).toBe(false)
    expect(isWellFormed({ method: 'm', id: 1 })).toBe(false)
    expect(isWellFormed({ jsonrpc: '2.0', id: 1 })).toBe(false)
    expect(isWellFormed({ jsonrpc: '2.0', method: 5, id: 1 })).toBe(false)
    expect(isWellFormed({ jsonrpc: '2.0', method: 'm', id: {} })).toBe(false)
    expect(isWellFormed({ jsonrpc: '2.0', method: 'm', id: [1] })).toBe(false)
    expect(isWellFormed({ jsonrpc: '2.0', method: 'm', id: true })).toBe(false)
    expect(isWellFormed([])).toBe(false)
    expect(isWellFormed(null)).toBe(false)
    expect(isWellFormed(3)).toBe(false)
  })

  it('tells notifications by the absence of id (null id is a call)', () => {
    expect(isNotification({ jsonrpc: '2.0', method: 'm' })).toBe(true)
    expect(isNotification({ jsonrpc: '2.0', method: 'm', id: null })).toBe(false)
  })
})

describe('idOfInvalid', () => {
  it('keeps a readable id and falls back to null', () => {
    expect(idOfInvalid({ id: 120, method: 'my_method', extra_field: [] })).toBe(120)
    expect(idOfInvalid({ id: 'abc' })).toBe('abc')
    expect(idOfInvalid({ id: {} })).toBe(null)
    expect(idOfInvalid({})).toBe(null)
    expect(idOfInvalid(7)).toBe(null)
  })
})

describe('normalizeParams', () => {
  it('hands arrays through, wraps objects, defaults to []', () => {
    const arr = [1, 'a']
    expect(normalizeParams(arr)).toBe(arr)
    expect(normalizeParams({ hash: '0x00' })).toEqual([{ hash: '0x00' }])
    expect(normalizeParams(undefined)).toEqual([])
    expect(normalizeParams(null)).toEqual([])
    expect(normalizeParams('x')).toBeUndefined()
    expect(normalizeParams(5)).toBeUndefined()
  })
})

describe('frames', () => {
  // Expected strings are jsonrpsee's own serialization test vectors (types/src/response.rs).
  it('serializes responses in jsonrpsee field order', () => {
    expect(successFrame(1, resultJson('ok'))).toBe('{"jsonrpc":"2.0","id":1,"result":"ok"}')
    expect(errorFrame(1, new RpcError(1, 'lo'))).toBe('{"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"lo"}}')
  })

  it('echoes ids with their JSON type', () => {
    expect(successFrame('aB17', 'null')).toBe('{"jsonrpc":"2.0","id":"aB17","result":null}')
    expect(successFrame(null, 'true')).toBe('{"jsonrpc":"2.0","id":null,"result":true}')
    expect(successFrame('quo"te', '1')).toBe('{"jsonrpc":"2.0","id":"quo\\"te","result":1}')
  })

  it('includes data only when present', () => {
    expect(errorFrame('x', new RpcError(-32602, 'Invalid params', 'expected u32'))).toBe(
      '{"jsonrpc":"2.0","id":"x","error":{"code":-32602,"message":"Invalid params","data":"expected u32"}}',
    )
  })

  it('turns an undefined result into null', () => {
    expect(resultJson(undefined)).toBe('null')
  })

  it('builds subscription notifications', () => {
    expect(notificationFrame('chain_newHead', 'abc', resultJson({ number: '0x1' }))).toBe(
      '{"jsonrpc":"2.0","method":"chain_newHead","params":{"subscription":"abc","result":{"number":"0x1"}}}',
    )
  })
})
