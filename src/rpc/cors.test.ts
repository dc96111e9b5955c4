import { describe, expect, it } from 'vitest'
import { DEFAULT_RPC_CORS, corsResponseHeaders, hostAllowed, originAllowed, parseCorsFlag, preflightHeaders } from './cors.js'

describe('originAllowed', () => {
  it('lets anything through with `all` and requests without Origin always', () => {
    expect(originAllowed('https://evil.example', 'all')).toBe(true)
    expect(originAllowed(undefined, DEFAULT_RPC_CORS)).toBe(true)
  })

  it('matches the default list with wildcard ports', () => {
    for (const o of [
      'http://localhost:3000',
      'http://localhost',
      'https://127.0.0.1:8443',
      'https://polkadot.js.org',
      'HTTPS://Polkadot.JS.org',
    ]) {
      expect(originAllowed(o, DEFAULT_RPC_CORS), o).toBe(true)
    }
    for (const o of [
      'https://polkadot.js.org.evil.example',
      'http://localhost.evil.example:3000',
      'http://evil.example',
      'http://polkadot.js.org',
      'null',
    ]) {
      expect(originAllowed(o, DEFAULT_RPC_CORS), o).toBe(false)
    }
  })

  it('treats dots literally and allows listing "null"', () => {
    expect(originAllowed('https://axb.com', ['https://a.b.com'])).toBe(false)
    expect(originAllowed('null', ['null'])).toBe(true)
  })
})

describe('parseCorsFlag', () => {
  it('reads all, lists, and the default', () => {
    expect(parseCorsFlag('all')).toBe('all')
    expect(parseCorsFlag('*')).toBe('all')
    expect(parseCorsFlag(' http://a.com , https://b.com ,')).toEqual(['http://a.com', 'https://b.com'])
    expect(parseCorsFlag(undefined)).toBe(DEFAULT_RPC_CORS)
  })
})

describe('hostAllowed', () => {
  it('admits the loopback names on our port only', () => {
    expect(hostAllowed('localhost:9944', 9944)).toBe(true)
    expect(hostAllowed('127.0.0.1:9944', 9944)).toBe(true)
    expect(hostAllowed('[::1]:9944', 9944)).toBe(true)
    expect(hostAllowed('127.0.0.1:9945', 9944)).toBe(false)
    expect(hostAllowed('192.168.1.2:9944', 9944)).toBe(false)
    expect(hostAllowed(undefined, 9944)).toBe(false)
  })
})

describe('CORS response headers', () => {
  it('echoes a listed origin and uses * for all', () => {
    expect(corsResponseHeaders('http://localhost:3000', DEFAULT_RPC_CORS)).toEqual({
      'access-control-allow-origin': 'http://localhost:3000',
      vary: 'origin',
    })
    expect(corsResponseHeaders('http://x', 'all')).toEqual({ 'access-control-allow-origin': '*' })
    expect(corsResponseHeaders(undefined, 'all')).toEqual({})
    expect(preflightHeaders('http://x', 'content-type, x-foo', 'all')).toMatchObject({
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type, x-foo',
    })
  })
})
