// Header and runtime-version JSON checked with @polkadot/types, an independent decoder: the hash
// polkadot.js computes from our header JSON must be the hash of our SCALE header.
import { TypeRegistry } from '@polkadot/types'
import type { Header as PjsHeader, RuntimeVersion } from '@polkadot/types/interfaces'
import { beforeAll, describe, expect, it } from 'vitest'
import { hexOf } from '../../../src/codec/bytes.js'
import { blake2_256, cryptoReady } from '../../../src/codec/hashing.js'
import { encode } from '../../../src/codec/scale.js'
import { headerJson, numberHex, runtimeVersionJson } from '../../../src/rpc/methods/common.js'
import { Header, type HeaderValue } from '../../../src/frame/primitives.js'

const registry = new TypeRegistry()

describe('headerJson', () => {
  beforeAll(async () => {
    await cryptoReady()
  })

  it('round-trips through polkadot.js to the same block hash', () => {
    const aura = new TextEncoder().encode('aura')
    const h: HeaderValue = {
      parent_hash: new Uint8Array(32).fill(0x11),
      number: 300,
      state_root: new Uint8Array(32).fill(0x22),
      extrinsics_root: new Uint8Array(32).fill(0x33),
      digest: {
        logs: [
          { type: 'PreRuntime', value: [aura, new Uint8Array([5, 0, 0, 0, 0, 0, 0, 0])] },
          { type: 'Seal', value: [aura, new Uint8Array(64).fill(0xee)] },
        ],
      },
    }
    const json = headerJson(h)
    expect(json.number).toBe('0x12c')
    expect(Object.keys(json)).toEqual(['parentHash', 'number', 'stateRoot', 'extrinsicsRoot', 'digest'])
    const pjs = registry.createType<PjsHeader>('Header', json)
    expect(pjs.hash.toHex()).toBe(hexOf(blake2_256(encode(Header, h))))
    expect(pjs.digest.logs[0]!.isPreRuntime).toBe(true)
    expect(pjs.digest.logs[1]!.isSeal).toBe(true)
  })

  it('renders numbers without leading zeros', () => {
    expect(numberHex(0)).toBe('0x0')
    expect(numberHex(26)).toBe('0x1a')
  })
})

describe('runtimeVersionJson', () => {
  it('is camelCase with both systemVersion and stateVersion, apis as [id, version] pairs', () => {
    const v = runtimeVersionJson({
      spec_name: 'node-subtensor', impl_name: 'node-subtensor', authoring_version: 1, spec_version: 425,
      impl_version: 1, apis: [[Uint8Array.from(Buffer.from('df6acb689907609b', 'hex')), 5]], transaction_version: 1, system_version: 1,
    })
    expect(v).toEqual({
      specName: 'node-subtensor', implName: 'node-subtensor', authoringVersion: 1, specVersion: 425, implVersion: 1,
      apis: [['0xdf6acb689907609b', 5]], transactionVersion: 1, systemVersion: 1, stateVersion: 1,
    })
    const pjs = registry.createType<RuntimeVersion>('RuntimeVersion', v)
    expect(pjs.specVersion.toNumber()).toBe(425)
    expect(pjs.apis[0]![0].toHex()).toBe('0xdf6acb689907609b')
  })
})
