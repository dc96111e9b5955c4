// depositEvents (one run of events, the count read and written once) and HeldEvents leave what
// depositEvent one by one leaves: the same Events bytes and EventCount, at block 0 nothing, and at
// u32::MAX the same stop.
import { describe, expect, it } from 'vitest'
import { acct, newStore } from '../test-utils.js'
import { HeldEvents } from './held-events.js'
import { depositEvent, depositEvents, initialize, noteFinishedInitialize, System, SystemEvents } from './index.js'
import type { Overlay } from '../../storage/overlay.js'

const evs = Array.from({ length: 5 }, (_, i) => SystemEvents.NewAccount.encode({ account: acct(i + 1) }))
const eventsOf = (s: Overlay): Uint8Array | null => s.get(System.Events.key())

function block(count?: number): Overlay {
  const s = newStore()
  initialize(s, 1, acct(0), [])
  noteFinishedInitialize(s)
  depositEvent(s, SystemEvents.KilledAccount.encode({ account: acct(9) }))
  if (count !== undefined) System.EventCount.set(s, count)
  return s
}

describe('depositEvents', () => {
  it('equals depositEvent of each in order, also where the count stops at u32::MAX', () => {
    for (const count of [undefined, 7, 0xffffffff - 3, 0xffffffff - 1, 0xffffffff]) {
      const one = block(count)
      for (const ev of evs) depositEvent(one, ev)
      const run = block(count)
      depositEvents(run, evs)
      expect(System.EventCount.get(run)).toBe(System.EventCount.get(one))
      expect(eventsOf(run)).toEqual(eventsOf(one))
    }
  })

  it('records nothing at block 0 and nothing for an empty run', () => {
    const s = newStore()
    depositEvents(s, evs)
    expect(System.EventCount.get(s)).toBe(0)
    expect(eventsOf(s)).toBeNull()
    const b = block()
    const before = eventsOf(b)
    depositEvents(b, [])
    expect(eventsOf(b)).toEqual(before)
  })
})

describe('HeldEvents', () => {
  it('deposits what it held, in order, through a run or one by one', () => {
    const one = block()
    for (const ev of evs) depositEvent(one, ev)
    for (const withRun of [true, false]) {
      const s = block()
      const sink = { depositEvent: (ev: Uint8Array) => depositEvent(s, ev), ...(withRun ? { depositEvents: (xs: readonly Uint8Array[]) => depositEvents(s, xs) } : {}) }
      const held = new HeldEvents()
      for (const ev of evs.slice(0, 2)) held.depositEvent(ev)
      held.depositInto(sink)
      for (const ev of evs.slice(2)) held.depositEvent(ev)
      held.depositInto(sink)
      held.depositInto(sink)
      expect(eventsOf(s)).toEqual(eventsOf(one))
      expect(System.EventCount.get(s)).toBe(System.EventCount.get(one))
    }
  })

  it('refuses an event with topics (a run has none)', () => {
    expect(() => new HeldEvents().depositEvent(evs[0]!, [acct(3)])).toThrow()
  })
})
