// The two kinds of connection the server hands to the dispatcher: a WebSocket (persistent, with
// subscriptions) and a single HTTP request.

import { isIP, type Socket } from 'node:net'
import type { RawData, WebSocket } from 'ws'
import type { DispatchTarget, Dispatcher } from './dispatcher.js'
import { errorFrame, notificationFrame, resultJson } from './envelope.js'
import { requestTooBig } from './errors.js'
import { ConnectionSubscriptions, Outbox, type FrameSink } from './subscriptions.js'
import type { ConnectionHandle, RpcContext, RpcLogger, SubscriptionRegistry } from './types.js'

/** What a WebSocket connection needs from its server. */
export interface ConnectionEnv {
  dispatcher: Dispatcher
  logger: RpcLogger
  maxRequestSize: number
  maxSubscriptionsPerConnection: number
  messageBufferCapacity: number
  /** Called once when the connection has shut down. */
  closed(conn: WsConnection): void
}

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false
  if (address === 'localhost' || address === '::1') return true
  const a = address.startsWith('::ffff:') ? address.slice(7) : address
  return isIP(a) === 4 && a.startsWith('127.')
}

const EMPTY_REGISTRY: SubscriptionRegistry = {
  size: 0,
  limit: 0,
  get: () => undefined,
  methodOf: () => undefined,
  count: () => 0,
  ids: () => [],
}

let nextConnectionId = 1

export class WsConnection implements ConnectionHandle, DispatchTarget, FrameSink {
  readonly id = nextConnectionId++
  readonly transport = 'ws' as const
  readonly ctx: RpcContext
  readonly subs: ConnectionSubscriptions
  private readonly outbox: Outbox
  private closeCallbacks: Array<() => void> | null = null
  private paused = false
  private closed = false
  /** Heard from the peer since the last ping tick. */
  alive = true
  missedPings = 0

  constructor(
    readonly ws: WebSocket,
    private readonly socket: Socket,
    isLocal: boolean,
    private readonly env: ConnectionEnv,
  ) {
    this.ctx = { conn: this, isLocal }
    this.outbox = new Outbox(this)
    this.subs = new ConnectionSubscriptions(env.maxSubscriptionsPerConnection, this.outbox, env.messageBufferCapacity, env.logger)
    // Text and binary frames are both read as JSON text, as soketto does.
    ws.on('message', (data) => this.onMessage(data))
    ws.on('pong', () => {
      this.alive = true
    })
    ws.on('close', () => this.shutdown())
    ws.on('error', (err) => env.logger.debug({ err, conn: this.id }, 'WebSocket error'))
    socket.on('drain', () => this.onDrain())
  }

  get subscriptions(): SubscriptionRegistry {
    return this.subs
  }

  /** Coalesce every frame produced in one tick into a single socket write. */
  private corked = false
  private readonly uncork = (): void => {
    this.corked = false
    this.socket.uncork()
  }

  private send(frame: string): void {
    if (!this.corked) {
      this.corked = true
      this.socket.cork()
      process.nextTick(this.uncork)
    }
    this.ws.send(frame)
  }

  reply(frame: string): void {
    if (this.closed) return
    this.send(frame)
    // Stop reading new requests while the peer is not reading our answers (jsonrpsee's bounded
    // message buffer has the same effect).
    if (!this.paused && this.socket.writableNeedDrain) {
      this.paused = true
      this.ws.pause()
    }
  }

  write(frame: string): void {
    if (!this.closed) this.send(frame)
  }

  congested(): boolean {
    return this.socket.writableNeedDrain
  }

  notify(method: string, subscription: string, result: unknown): void {
    this.write(notificationFrame(method, subscription, resultJson(result)))
  }

  onClose(cb: () => void): void {
    if (this.closed) cb()
    else (this.closeCallbacks ??= []).push(cb)
  }

  private onMessage(data: RawData): void {
    this.alive = true
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength
    const max = this.env.maxRequestSize
    if (size > max) {
      // jsonrpsee answers with id null and keeps the connection.
      this.reply(errorFrame(null, requestTooBig(max)))
      return
    }
    const text = Buffer.isBuffer(data)
      ? data.toString()
      : Array.isArray(data)
        ? Buffer.concat(data).toString()
        : Buffer.from(data).toString()
    const pending = this.env.dispatcher.handleFrame(text, this)
    if (pending !== undefined) {
      pending.catch((err: unknown) => this.env.logger.warn({ err, conn: this.id }, 'RPC frame handling failed'))
    }
  }

  private onDrain(): void {
    this.outbox.flush()
    if (this.paused && !this.socket.writableNeedDrain && !this.closed) {
      this.paused = false
      this.ws.resume()
    }
  }

  /** Dispose everything tied to the connection; idempotent. */
  shutdown(): void {
    if (this.closed) return
    this.closed = true
    this.env.closed(this)
    this.subs.disposeAll()
    const cbs = this.closeCallbacks
    this.closeCallbacks = null
    if (cbs !== null) {
      for (const cb of cbs) {
        try {
          cb()
        } catch (err) {
          this.env.logger.warn({ err, conn: this.id }, 'connection close callback threw')
        }
      }
    }
  }
}

export class HttpCall implements ConnectionHandle, DispatchTarget {
  readonly id = nextConnectionId++
  readonly transport = 'http' as const
  readonly subs = null
  readonly subscriptions = EMPTY_REGISTRY
  readonly ctx: RpcContext
  frame: string | null = null
  private closeCallbacks: Array<() => void> = []

  constructor(isLocal: boolean) {
    this.ctx = { conn: this, isLocal }
  }

  reply(frame: string): void {
    this.frame = frame
  }

  notify(): void {}

  onClose(cb: () => void): void {
    this.closeCallbacks.push(cb)
  }

  finish(logger: RpcLogger): void {
    for (const cb of this.closeCallbacks) {
      try {
        cb()
      } catch (err) {
        logger.warn({ err }, 'connection close callback threw')
      }
    }
  }
}
