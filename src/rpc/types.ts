// Shapes shared by the RPC server machinery and the method modules that plug into it.

/** A JSON-RPC request id, echoed back with its JSON type intact (numbers decode as exact u64 bigints). */
export type JsonRpcId = number | bigint | string | null

/** `--rpc-methods`: which methods an endpoint exposes (Substrate semantics, see dispatcher.ts). */
export type RpcMethodsPolicy = 'auto' | 'safe' | 'unsafe'

export interface RpcContext {
  conn: ConnectionHandle
  /** The peer's address is loopback. Informational: the unsafe policy is decided per listen address. */
  isLocal: boolean
}

/** The server side of one subscription, handed to `RpcSubscriptionMethod.subscribe`. */
export interface SubscriptionSink {
  /** The id returned to the client (16 random alphanumeric characters, as Substrate). */
  readonly id: string
  /** True once the subscription is over (unsubscribed, closed, dropped or the connection went away). */
  readonly closed: boolean
  /**
   * Queue a notification. Before the client has received the subscription id, notifications are
   * held back and sent right after it. Returns false when the subscription is already over.
   */
  send(result: unknown): boolean
  /**
   * End the subscription from the server side. Notifications already queued are still delivered;
   * nothing is sent to mark the end (methods with an explicit stop event send it first).
   */
  close(): void
  /** Run `cb` once when the subscription ends for any reason. Runs at once if it already has. */
  onDispose(cb: () => void): void
}

/** The subscriptions alive on one connection. */
export interface SubscriptionRegistry {
  readonly size: number
  readonly limit: number
  get(id: string): SubscriptionSink | undefined
  /** Name of the subscribe method (not an alias) that opened `id`. */
  methodOf(id: string): string | undefined
  /** How many live subscriptions were opened through the subscribe method `name` (aliases count too). */
  count(name: string): number
  ids(): string[]
}

export interface ConnectionHandle {
  readonly id: number
  readonly transport: 'ws' | 'http'
  /** Send a raw subscription notification frame, bypassing subscription bookkeeping. No-op over HTTP. */
  notify(method: string, subscription: string, result: unknown): void
  readonly subscriptions: SubscriptionRegistry
  /** Run `cb` when the connection closes (after its subscriptions are disposed). */
  onClose(cb: () => void): void
}

export interface RpcMethod {
  name: string
  aliases?: string[]
  /** Refused unless the endpoint allows unsafe methods (`--rpc-methods`). */
  unsafe?: boolean
  /**
   * Error code used when an unsafe call is refused. Substrate's author/system modules answer -32601
   * (the default); its state module wraps the same message in 4003.
   */
  unsafeErrorCode?: number
  handler(params: unknown[], ctx: RpcContext): unknown | Promise<unknown>
}

export type SubscribeResult = void | (() => void)

export interface RpcSubscriptionMethod {
  name: string
  aliases?: string[]
  /** The `method` field of every notification. */
  notification: string
  unsubscribe: string
  unsubscribeAliases?: string[]
  unsafe?: boolean
  unsafeErrorCode?: number
  /**
   * Notifications one subscription may have waiting while the client is not reading (default: the
   * server's `messageBufferCapacity`). Past it the subscription is dropped, as Substrate drops
   * lagging subscribers.
   */
  maxQueued?: number
  /**
   * Throwing (or rejecting) refuses the subscription with that error. A returned function is
   * called when the subscription ends, like `sink.onDispose`.
   */
  subscribe(params: unknown[], ctx: RpcContext, sink: SubscriptionSink): SubscribeResult | Promise<SubscribeResult>
}

export type RpcEntry = RpcMethod | RpcSubscriptionMethod

export function isSubscriptionMethod(m: RpcEntry): m is RpcSubscriptionMethod {
  return typeof (m as RpcSubscriptionMethod).subscribe === 'function'
}

/** Pino-compatible subset. */
export interface RpcLogger {
  debug(obj: object, msg: string): void
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
}

export const silentLogger: RpcLogger = {
  debug() {},
  info() {},
  warn() {},
}
