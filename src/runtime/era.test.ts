import { TypeRegistry } from '@polkadot/types'
import { describe, expect, it } from 'vitest'
import { eraBirth, eraDeath, eraFromBytes } from './era.js'

describe('Era', () => {
  it('decodes what @polkadot/types encodes for a 64-block era', () => {
    const reg = new TypeRegistry()
    const era = reg.createType('ExtrinsicEra', { current: 1000, period: 64 })
    const bytes = era.toU8a()
    const e = eraFromBytes(bytes[0]!, bytes[1])
    expect(e).toEqual({ immortal: false, period: 64, phase: era.asMortalEra.phase.toNumber() })
    expect(eraBirth(e, 1000)).toBe(Number(era.asMortalEra.birth(1000)))
    expect(eraDeath(e, 1000)).toBe(Number(era.asMortalEra.death(1000)))
  })

  it('immortal is forever and invalid period/phase is refused', () => {
    expect(eraFromBytes(0, undefined)).toEqual({ immortal: true })
    expect(() => eraFromBytes(0x10, 0x00)).toThrow()
  })
})
