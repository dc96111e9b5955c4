import { describe, expect, it } from 'vitest'
import { Slabs } from './slabs.js'

describe('Slabs', () => {
  it('hands out zeroed views that never overlap, a new slab when one is full', () => {
    const slabs = new Slabs(64)
    const views = Array.from({ length: 40 }, (_, i) => {
      const v = slabs.reserve(1 + (i % 9))
      expect(v.every((b) => b === 0)).toBe(true)
      v.fill(i + 1)
      return v
    })
    views.forEach((v, i) => expect(v.every((b) => b === i + 1)).toBe(true))
    for (const v of views) expect(v.buffer.byteLength).toBe(64)
    expect(new Set(views.map((v) => v.buffer)).size).toBeGreaterThan(1)
  })

  it('numbers its slabs: serial moves on exactly when a view comes from a new slab', () => {
    const slabs = new Slabs(64)
    let serial = slabs.serial
    let buffer: ArrayBufferLike | undefined
    for (let i = 0; i < 40; i++) {
      const v = slabs.reserve(1 + (i % 9))
      if (buffer !== undefined && v.buffer !== buffer) expect(slabs.serial).toBe(serial + 1)
      else expect(slabs.serial).toBe(serial)
      expect(slabs.current(v)).toBe(true)
      serial = slabs.serial
      buffer = v.buffer
    }
    expect(serial).toBeGreaterThan(0)
  })

  it('gives a request above maxItem (or above the slab) an array of its own', () => {
    const slabs = new Slabs(64, 16)
    expect(slabs.reserve(16).buffer.byteLength).toBe(64)
    expect(slabs.reserve(17).buffer.byteLength).toBe(17)
    expect(new Slabs(32, 4096).reserve(33).buffer.byteLength).toBe(33)
  })
})
