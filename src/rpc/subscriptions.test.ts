import { describe, expect, it } from 'vitest'
import { RpcError } from './errors.js'
import { ConnectionSubscriptions, Outbox, randomSubscriptionId } from './subscriptions.js'
import { silentLogger, type RpcSubscriptionMethod } from './types.js'

const method = (extra: Partial<RpcSubscriptionMethod> = {}): RpcSubscriptionMethod => ({
  name: 'test_subscribe',
  aliases: ['test_sub'],
  notification: 'test_event',
  unsubscribe: 'test_unsubscribe',
  subscribe() {},
  ...extra,
})

/** A transport whose congestion the test switches on and off. */
function fakeTransport() {
  const t = { frames: [] as string[], congested: false }
  const outbox = new Outbox({ write: (f) => t.frames.push(f), congested: () => t.congested })
  return { t, outbox, results: () => t.frames.map((f) => (JSON.parse(f) as { params: { result: unknown } }).params.result) }
}

describe('randomSubscriptionId', () => {
  it('gives 16 alphanumerics by default, covering the whole alphabet', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const id = randomSubscriptionId()
      expect(id).toMatch(/^[A-Za-z0-9]{16}$/)
      for (const c of id) seen.add(c)
    }
    expect(seen.size).toBe(62)
    expect(randomSubscriptionId(5)).toHaveLength(5)
  })
})

describe('ConnectionSubscriptions', () => {
  it('enforces the per-connection limit with -32006 and frees slots on unsubscribe', () => {
    const { outbox } = fakeTransport()
    const reg = new ConnectionSubscriptions(2, outbox, 64, silentLogger)
    const m = method()
    const a = reg.open(m)
    reg.open(m)
    let err: unknown
    try {
      reg.open(m)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(RpcError)
    expect((err as RpcError).toJSON()).toEqual({
      code: -32006,
      message: 'Too many subscriptions on the connection',
      data: 'Exceeded max limit of 2',
    })
    expect(reg.unsubscribe(a.id, m)).toBe(true)
    expect(reg.size).toBe(1)
    expect(() => reg.open(m)).not.toThrow()
  })

  it('answers false for unknown ids, non-string ids and the wrong method pair', () => {
    const { outbox } = fakeTransport()
    const reg = new ConnectionSubscriptions(8, outbox, 64, silentLogger)
    const m = method()
    const s = reg.open(m)
    expect(reg.unsubscribe('nope', m)).toBe(false)
    expect(reg.unsubscribe(42, m)).toBe(false)
    expect(reg.unsubscribe(s.id, method({ name: 'other' }))).toBe(false)
    expect(reg.get(s.id)).toBe(s)
    expect(reg.methodOf(s.id)).toBe('test_subscribe')
    expect(reg.count('test_sub')).toBe(1)
    expect(reg.count('test_subscribe')).toBe(1)
    expect(reg.count('other')).toBe(0)
    expect(reg.ids()).toEqual([s.id])
  })

  it('holds notifications until activation, then delivers them in order', () => {
    const { outbox, results } = fakeTransport()
    const reg = new ConnectionSubscriptions(8, outbox, 64, silentLogger)
    const s = reg.open(method())
    expect(s.send(1)).toBe(true)
    expect(s.send({ b: 2 })).toBe(true)
    expect(results()).toEqual([])
    s.activate()
    s.send(3)
    expect(results()).toEqual([1, { b: 2 }, 3])
  })

  it('delivers what was sent before a server-side close, then ends', () => {
    const { outbox, results } = fakeTransport()
    const reg = new ConnectionSubscriptions(8, outbox, 64, silentLogger)
    const s = reg.open(method())
    let disposed = 0
    s.onDispose(() => disposed++)
    s.send('a')
    s.close()
    expect(s.closed).toBe(true)
    expect(s.send('b')).toBe(false)
    expect(disposed).toBe(0)
    s.activate()
    expect(results()).toEqual(['a'])
    expect(disposed).toBe(1)
    expect(reg.size).toBe(0)
    // registering after the end runs the callback at once
    s.onDispose(() => disposed++)
    expect(disposed).toBe(2)
  })

  it('queues while congested, flushes on drain, and drops a subscriber past its limit', () => {
    const { t, outbox, results } = fakeTransport()
    const reg = new ConnectionSubscriptions(8, outbox, 3, silentLogger)
    const slow = reg.open(method())
    const fast = reg.open(method({ maxQueued: 10 }))
    slow.activate()
    fast.activate()
    let dropped = 0
    slow.onDispose(() => dropped++)
    t.congested = true
    slow.send('s1')
    fast.send('f1')
    slow.send('s2')
    slow.send('s3')
    expect(outbox.pending).toBe(4)
    expect(results()).toEqual([])
    slow.send('s4') // fourth waiting frame: over maxQueued 3
    expect(dropped).toBe(1)
    expect(slow.closed).toBe(true)
    fast.send('f2')
    t.congested = false
    outbox.flush()
    expect(results()).toEqual(['f1', 'f2'])
    expect(outbox.pending).toBe(0)
  })

  it('a stalled connection: dropped subscribers leave no frames behind, and the connection has one budget', () => {
    const t = { frames: [] as string[], congested: true }
    const outbox = new Outbox({ write: (f) => t.frames.push(f), congested: () => t.congested }, 20)
    const reg = new ConnectionSubscriptions(64, outbox, 8, silentLogger)
    const subs = Array.from({ length: 10 }, () => reg.open(method()))
    for (const s of subs) s.activate()
    const header = { number: '0x1' }
    // Ten subscribers, one event each round: from round three on, the connection's budget of 20
    // frames is reached, and subscribers that find it full are dropped.
    for (let round = 0; round < 6; round++) for (const s of subs) s.send(header)
    const survivors = subs.filter((s) => !s.closed)
    expect(survivors.length).toBeLessThan(10)
    expect(reg.size).toBe(survivors.length)
    // The dropped subscribers' frames are let go once they are half the queue (a stalled peer may
    // never drain): what stays is bounded by twice the budget.
    expect(outbox.pending).toBeLessThanOrEqual(40)
    t.congested = false
    outbox.flush()
    const live = new Set(survivors.map((s) => s.id))
    const sent = t.frames.map((f) => (JSON.parse(f) as { params: { subscription: string } }).params.subscription)
    expect(sent.every((id) => live.has(id))).toBe(true)
    expect(sent.length).toBeLessThanOrEqual(20)
    expect(outbox.pending).toBe(0)
  })

  it('keeps per-subscription order when the transport drains part-way', () => {
    const { t, outbox, results } = fakeTransport()
    const reg = new ConnectionSubscriptions(8, outbox, 64, silentLogger)
    const s = reg.open(method())
    s.activate()
    t.congested = true
    s.send(1)
    s.send(2)
    t.congested = false
    s.send(3) // must not overtake 1 and 2
    expect(results()).toEqual([])
    outbox.flush()
    expect(results()).toEqual([1, 2, 3])
  })

  it('disposes everything on disconnect, discarding queued frames', () => {
    const { t, outbox, results } = fakeTransport()
    const reg = new ConnectionSubscriptions(8, outbox, 64, silentLogger)
    let cleaned = 0
    for (let i = 0; i < 3; i++) {
      const s = reg.open(method())
      s.onDispose(() => cleaned++)
      s.activate()
    }
    t.congested = true
    reg.get(reg.ids()[0]!)!.send('queued')
    reg.disposeAll()
    expect(cleaned).toBe(3)
    expect(reg.size).toBe(0)
    t.congested = false
    outbox.flush()
    expect(results()).toEqual([])
  })

  it('survives a throwing cleanup', () => {
    const { outbox } = fakeTransport()
    const reg = new ConnectionSubscriptions(8, outbox, 64, silentLogger)
    const s = reg.open(method())
    let after = 0
    s.onDispose(() => {
      throw new Error('cleanup bug')
    })
    s.onDispose(() => after++)
    expect(reg.unsubscribe(s.id, s.method)).toBe(true)
    expect(after).toBe(1)
  })
})
