// Per-connection subscription bookkeeping and the notification outbox.
//
// Semantics taken from jsonrpsee + sc-rpc:
// - ids come from `RandomStringIdProvider::new(16)`: 16 random ASCII alphanumerics;
// - a connection may hold `max_subscriptions_per_connection` (1024) subscriptions, counted from the
//   moment the subscribe call starts; past it the call fails with -32006;
// - unsubscribing answers `true`/`false` and never errors (unknown id, wrong unsubscribe method or
//   unreadable params all give `false`);
// - a subscriber that cannot keep up is dropped silently (sc-rpc `pipe_from_stream`).

import { randomBytes } from 'node:crypto'
import { notificationFrame, resultJson } from './envelope.js'
import { tooManySubscriptions } from './errors.js'
import type { RpcLogger, RpcSubscriptionMethod, SubscriptionRegistry, SubscriptionSink } from './types.js'

/**
 * Serialized results by object: every subscriber of one event is handed the same object (a
 * header, a change set), so with many subscribers the JSON is made once, not once each.
 */
const jsonOf = new WeakMap<object, string>()
function sharedResultJson(result: unknown): string {
  if (typeof result !== 'object' || result === null) return resultJson(result)
  let json = jsonOf.get(result)
  if (json === undefined) {
    json = resultJson(result)
    jsonOf.set(result, json)
  }
  return json
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
export const SUBSCRIPTION_ID_LENGTH = 16

// Random bytes drawn 4 KiB at a time: one id per watched transaction made randomBytes a visible
// cost at thousands of transactions a second.
let entropy = new Uint8Array(0)
let entropyPos = 0

/** Uniform over the 62 alphanumerics (bytes >= 248 are rejected to avoid modulo bias). */
export function randomSubscriptionId(length: number = SUBSCRIPTION_ID_LENGTH): string {
  let out = ''
  while (out.length < length) {
    if (entropyPos >= entropy.length) { entropy = randomBytes(4096); entropyPos = 0 }
    const b = entropy[entropyPos++]!
    if (b < 248) out += ALPHANUMERIC[b % 62]
  }
  return out
}

/** Where notification frames go: the transport, plus whether it is currently backed up. */
export interface FrameSink {
  write(frame: string): void
  congested(): boolean
}

/**
 * Frames one connection may hold back in all (jsonrpsee bounds each connection's buffer too):
 * a stalled peer with many subscriptions loses them after this many, instead of each one
 * costing up to its own `maxQueued` per event. Room enough for a reading peer with 100 head
 * subscriptions to take a burst of blocks announced in one durable write.
 */
export const MAX_PENDING_PER_CONNECTION = 16_384

/**
 * Holds notifications back while the socket is congested and releases them, in order, on drain.
 * A subscription with more than its `maxQueued` frames waiting is dropped, and so is one that
 * finds the connection's whole outbox full.
 */
export class Outbox {
  private queue: Array<{ sub: Subscription; frame: string }> = []
  private head = 0
  /** Queued frames of subscriptions that are over: dead weight until compacted. */
  private discarded = 0

  constructor(private readonly sink: FrameSink, private readonly maxPending: number = MAX_PENDING_PER_CONNECTION) {}

  get pending(): number {
    return this.queue.length - this.head
  }

  /**
   * A subscription with `count` queued frames ended. A stalled connection may never drain, so its
   * dead frames are dropped once they make up half the queue (amortized: each frame moves once).
   */
  discard(count: number): void {
    if (count === 0) return
    this.discarded += count
    if (this.discarded * 2 < this.pending) return
    this.queue = this.queue.slice(this.head).filter((e) => !e.sub.discarded)
    this.head = 0
    this.discarded = 0
  }

  push(sub: Subscription, frame: string): void {
    if (sub.queued === 0 && !this.sink.congested()) {
      this.sink.write(frame)
      return
    }
    if (sub.queued >= sub.maxQueued || this.pending - this.discarded >= this.maxPending) {
      sub.drop('lagging')
      return
    }
    sub.queued++
    this.queue.push({ sub, frame })
  }

  /** Call when the transport drained. */
  flush(): void {
    const q = this.queue
    while (this.head < q.length && !this.sink.congested()) {
      const e = q[this.head]!
      q[this.head++] = undefined as never
      e.sub.queued--
      if (!e.sub.discarded) this.sink.write(e.frame)
      else this.discarded--
    }
    if (this.head === q.length) {
      this.discarded = 0
      this.queue = []
      this.head = 0
    } else if (this.head > 1024 && this.head * 2 > q.length) {
      this.queue = q.slice(this.head)
      this.head = 0
    }
  }

  clear(): void {
    this.queue = []
    this.head = 0
    this.discarded = 0
  }
}

const enum State {
  Pending,
  Active,
  Disposed,
}

export class Subscription implements SubscriptionSink {
  readonly id: string
  readonly method: RpcSubscriptionMethod
  readonly maxQueued: number
  /** Frames waiting in the outbox. */
  queued = 0
  /** Queued frames must not be sent any more (client unsubscribed, lagged, or went away). */
  discarded = false
  private state = State.Pending
  private early: string[] | null = null
  private closeWhenActive = false
  private cleanups: Array<() => void> | null = null

  constructor(
    private readonly registry: ConnectionSubscriptions,
    id: string,
    method: RpcSubscriptionMethod,
    maxQueued: number,
  ) {
    this.id = id
    this.method = method
    this.maxQueued = maxQueued
  }

  get closed(): boolean {
    return this.state === State.Disposed || this.closeWhenActive
  }

  send(result: unknown): boolean {
    if (this.closed) return false
    const frame = notificationFrame(this.method.notification, this.id, sharedResultJson(result))
    if (this.state === State.Pending) (this.early ??= []).push(frame)
    else this.registry.outbox.push(this, frame)
    return true
  }

  close(): void {
    if (this.state === State.Pending) this.closeWhenActive = true
    else this.dispose(false)
  }

  onDispose(cb: () => void): void {
    if (this.state === State.Disposed) {
      this.runCleanup(cb)
      return
    }
    ;(this.cleanups ??= []).push(cb)
  }

  /** The subscription id has been handed to the transport: release what was sent meanwhile. */
  activate(): void {
    if (this.state !== State.Pending) return
    this.state = State.Active
    const early = this.early
    this.early = null
    if (early !== null) for (const frame of early) this.registry.outbox.push(this, frame)
    if (this.closeWhenActive) this.dispose(false)
  }

  /** Ended by the server for lagging, or by the client (unsubscribe, refusal, disconnect). */
  drop(reason: 'lagging' | 'unsubscribed' | 'refused' | 'disconnected'): void {
    if (this.state === State.Disposed) return
    if (reason === 'lagging') {
      this.registry.logger.debug(
        { subscription: this.id, method: this.method.name },
        'subscription dropped: client not reading fast enough',
      )
    }
    this.dispose(true)
  }

  private dispose(discard: boolean): void {
    if (this.state === State.Disposed) return
    this.state = State.Disposed
    this.early = null
    if (discard) {
      this.discarded = true
      this.registry.outbox.discard(this.queued)
    }
    this.registry.remove(this)
    const cbs = this.cleanups
    this.cleanups = null
    if (cbs !== null) for (const cb of cbs) this.runCleanup(cb)
  }

  private runCleanup(cb: () => void): void {
    try {
      cb()
    } catch (e) {
      this.registry.logger.warn({ err: e, subscription: this.id }, 'subscription cleanup threw')
    }
  }
}

export class ConnectionSubscriptions implements SubscriptionRegistry {
  private readonly subs = new Map<string, Subscription>()

  constructor(
    readonly limit: number,
    readonly outbox: Outbox,
    readonly defaultMaxQueued: number,
    readonly logger: RpcLogger,
  ) {}

  get size(): number {
    return this.subs.size
  }

  get(id: string): SubscriptionSink | undefined {
    return this.subs.get(id)
  }

  methodOf(id: string): string | undefined {
    return this.subs.get(id)?.method.name
  }

  count(name: string): number {
    let n = 0
    for (const s of this.subs.values()) {
      const m = s.method
      if (m.name === name || (m.aliases !== undefined && m.aliases.includes(name))) n++
    }
    return n
  }

  ids(): string[] {
    return [...this.subs.keys()]
  }

  /** Reserve a slot and an id. Throws -32006 when the connection is at its limit. */
  open(method: RpcSubscriptionMethod): Subscription {
    if (this.subs.size >= this.limit) throw tooManySubscriptions(this.limit)
    let id = randomSubscriptionId()
    while (this.subs.has(id)) id = randomSubscriptionId()
    const sub = new Subscription(this, id, method, method.maxQueued ?? this.defaultMaxQueued)
    this.subs.set(id, sub)
    return sub
  }

  /** The unsubscribe call: only the subscribe/unsubscribe pair that opened `id` may end it. */
  unsubscribe(id: unknown, method: RpcSubscriptionMethod): boolean {
    if (typeof id !== 'string') return false
    const sub = this.subs.get(id)
    if (sub === undefined || sub.method !== method) return false
    sub.drop('unsubscribed')
    return true
  }

  /** Called by Subscription.dispose. */
  remove(sub: Subscription): void {
    if (this.subs.get(sub.id) === sub) this.subs.delete(sub.id)
  }

  disposeAll(): void {
    for (const sub of [...this.subs.values()]) sub.drop('disconnected')
    this.outbox.clear()
  }
}
