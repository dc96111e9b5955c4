// Routes decoded JSON-RPC frames to the method table and produces the reply frames.
//
// Behaviour follows jsonrpsee's server (as used by polkadot-sdk's sc-rpc-server):
// - notifications (requests without `id`) are never executed and never answered;
// - batch entries run one after the other, in order; a batch of only notifications gets no reply;
//   an empty batch gets a single (non-array) -32600 error;
// - subscriptions need a persistent connection: over HTTP the call fails with -32603;
// - `rpc_methods` lists every registered name (aliases and unsubscribe methods included), sorted,
//   as `{"methods":[...]}` with no version field;
// - an unsafe method on an endpoint that denies them answers -32601 "RPC call is unsafe to be
//   called externally" (sc-rpc-api policy.rs); `rpc_methods` still lists it, as Substrate does.

import {
  FrameKind,
  PARSE_ERROR_FRAME,
  PARSE_FAILED,
  decode,
  errorFrame,
  frameKind,
  idOfInvalid,
  isNotification,
  isWellFormed,
  normalizeParams,
  resultJson,
  successFrame,
  type RequestObject,
} from './envelope.js'
import {
  RpcError,
  batchResponseTooBig,
  batchTooBig,
  batchesNotSupported,
  internalError,
  invalidParams,
  invalidRequest,
  methodNotFound,
  responseTooBig,
  unsafeRpcCall,
} from './errors.js'
import type { ConnectionSubscriptions, Subscription } from './subscriptions.js'
import {
  isSubscriptionMethod,
  silentLogger,
  type JsonRpcId,
  type RpcContext,
  type RpcEntry,
  type RpcLogger,
  type RpcMethod,
  type RpcSubscriptionMethod,
} from './types.js'

/** The connection as the dispatcher sees it. */
export interface DispatchTarget {
  readonly ctx: RpcContext
  /** null on transports without subscriptions (HTTP). */
  readonly subs: ConnectionSubscriptions | null
  reply(frame: string): void
}

export type BatchPolicy = 'unlimited' | 'disabled' | number

export interface DispatcherOptions {
  /** Whether methods flagged `unsafe` may run (see `allowsUnsafe`). */
  allowUnsafe: boolean
  maxResponseSize?: number
  batch?: BatchPolicy
  logger?: RpcLogger
}

const enum RouteKind {
  Call,
  Subscribe,
  Unsubscribe,
}

type Route =
  | { kind: RouteKind.Call; method: RpcMethod }
  | { kind: RouteKind.Subscribe | RouteKind.Unsubscribe; method: RpcSubscriptionMethod }

const PARAMS_NOT_ARRAY = 'Invalid params. Expected an array or an object'

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as PromiseLike<unknown>).then === 'function'
}

function activateAll(subs: Subscription[]): void {
  for (const s of subs) s.activate()
}

/**
 * sc-rpc-server `deny_unsafe`: `unsafe` always allows, `safe` never does, `auto` allows only when
 * the endpoint listens on a loopback address (the peer's own address plays no part).
 */
export function allowsUnsafe(policy: 'auto' | 'safe' | 'unsafe', listenHostIsLoopback: boolean): boolean {
  return policy === 'unsafe' || (policy === 'auto' && listenHostIsLoopback)
}

export class Dispatcher {
  /** Sorted, as returned by `rpc_methods`. */
  readonly methodNames: readonly string[]
  private readonly routes = new Map<string, Route>()
  private readonly allowUnsafe: boolean
  private readonly maxResponseSize: number
  private readonly batch: BatchPolicy
  private readonly logger: RpcLogger

  constructor(entries: readonly RpcEntry[], opts: DispatcherOptions) {
    this.allowUnsafe = opts.allowUnsafe
    this.maxResponseSize = opts.maxResponseSize ?? 15 * 1024 * 1024
    this.batch = opts.batch ?? 'unlimited'
    this.logger = opts.logger ?? silentLogger
    for (const m of entries) {
      if (isSubscriptionMethod(m)) {
        if (m.unsubscribe === m.name) throw new Error(`subscription ${m.name} uses its own name to unsubscribe`)
        const sub: Route = { kind: RouteKind.Subscribe, method: m }
        const unsub: Route = { kind: RouteKind.Unsubscribe, method: m }
        for (const n of [m.name, ...(m.aliases ?? [])]) this.add(n, sub)
        for (const n of [m.unsubscribe, ...(m.unsubscribeAliases ?? [])]) this.add(n, unsub)
      } else {
        const route: Route = { kind: RouteKind.Call, method: m }
        for (const n of [m.name, ...(m.aliases ?? [])]) this.add(n, route)
      }
    }
    const names = [...this.routes.keys(), 'rpc_methods'].sort()
    this.methodNames = names
    const listing = { methods: names }
    this.add('rpc_methods', { kind: RouteKind.Call, method: { name: 'rpc_methods', handler: () => listing } })
  }

  private add(name: string, route: Route): void {
    if (this.routes.has(name)) throw new Error(`RPC method registered twice: ${name}`)
    this.routes.set(name, route)
  }

  has(name: string): boolean {
    return this.routes.has(name)
  }

  /**
   * Handle one text frame. Synchronous handlers are answered before this returns; otherwise the
   * returned promise settles once the reply (if any) has been handed to `conn.reply`.
   */
  handleFrame(text: string, conn: DispatchTarget): void | Promise<void> {
    const kind = frameKind(text)
    if (kind === FrameKind.Single) {
      const v = decode(text)
      if (v === PARSE_FAILED) return conn.reply(PARSE_ERROR_FRAME)
      if (!isWellFormed(v)) return conn.reply(errorFrame(idOfInvalid(v), invalidRequest()))
      if (isNotification(v)) return
      return this.single(v, conn)
    }
    if (kind === FrameKind.Batch) return this.batchFrame(text, conn)
    conn.reply(PARSE_ERROR_FRAME)
  }

  /** Run a plain method outside any frame (the HTTP `/health` proxy). */
  async callDirect(name: string, params: unknown[], ctx: RpcContext): Promise<unknown> {
    const route = this.routes.get(name)
    if (route === undefined || route.kind !== RouteKind.Call) throw methodNotFound()
    if (route.method.unsafe === true && !this.allowUnsafe) throw unsafeRpcCall(route.method.unsafeErrorCode)
    return await route.method.handler(params, ctx)
  }

  private single(req: RequestObject, conn: DispatchTarget): void | Promise<void> {
    const id = req.id as JsonRpcId
    const route = this.routes.get(req.method)
    if (route === undefined) return conn.reply(errorFrame(id, methodNotFound()))
    if (route.kind === RouteKind.Call) {
      const out = this.invokeCall(route.method, id, req.params, conn)
      if (typeof out === 'string') return conn.reply(out)
      return out.then((frame) => conn.reply(frame))
    }
    if (route.kind === RouteKind.Unsubscribe) return conn.reply(this.invokeUnsubscribe(route.method, id, req.params, conn))
    const accepted: Subscription[] = []
    const out = this.invokeSubscribe(route.method, id, req.params, conn, accepted)
    if (typeof out === 'string') {
      conn.reply(out)
      return activateAll(accepted)
    }
    return out.then((frame) => {
      conn.reply(frame)
      activateAll(accepted)
    })
  }

  /** One call's reply frame. Never throws; handler failures become error frames. */
  private invokeCall(m: RpcMethod, id: JsonRpcId, rawParams: unknown, conn: DispatchTarget): string | Promise<string> {
    if (m.unsafe === true && !this.allowUnsafe) return errorFrame(id, unsafeRpcCall(m.unsafeErrorCode))
    const params = normalizeParams(rawParams)
    if (params === undefined) return errorFrame(id, invalidParams(PARAMS_NOT_ARRAY))
    let r: unknown
    try {
      r = m.handler(params, conn.ctx)
    } catch (e) {
      return this.failure(id, e, m.name)
    }
    if (isThenable(r)) {
      return Promise.resolve(r).then(
        (v) => this.success(id, v, m.name),
        (e: unknown) => this.failure(id, e, m.name),
      )
    }
    return this.success(id, r, m.name)
  }

  private invokeSubscribe(
    m: RpcSubscriptionMethod,
    id: JsonRpcId,
    rawParams: unknown,
    conn: DispatchTarget,
    accepted: Subscription[],
  ): string | Promise<string> {
    // jsonrpsee over HTTP: "Subscriptions not supported" is logged, the client gets a bare -32603.
    if (conn.subs === null) return errorFrame(id, internalError())
    if (m.unsafe === true && !this.allowUnsafe) return errorFrame(id, unsafeRpcCall(m.unsafeErrorCode))
    const params = normalizeParams(rawParams)
    if (params === undefined) return errorFrame(id, invalidParams(PARAMS_NOT_ARRAY))
    let sub: Subscription
    try {
      sub = conn.subs.open(m)
    } catch (e) {
      return this.failure(id, e, m.name)
    }
    const accept = (ret: unknown): string => {
      if (typeof ret === 'function') sub.onDispose(ret as () => void)
      accepted.push(sub)
      return successFrame(id, JSON.stringify(sub.id))
    }
    const refuse = (e: unknown): string => {
      sub.drop('refused')
      return this.failure(id, e, m.name)
    }
    let r: unknown
    try {
      r = m.subscribe(params, conn.ctx, sub)
    } catch (e) {
      return refuse(e)
    }
    if (isThenable(r)) return Promise.resolve(r).then(accept, refuse)
    return accept(r)
  }

  private invokeUnsubscribe(m: RpcSubscriptionMethod, id: JsonRpcId, rawParams: unknown, conn: DispatchTarget): string {
    if (conn.subs === null) return errorFrame(id, internalError())
    // jsonrpsee reads the id with `params.one()`: the first positional param, or nothing.
    const subId = Array.isArray(rawParams) ? rawParams[0] : undefined
    return successFrame(id, conn.subs.unsubscribe(subId, m) ? 'true' : 'false')
  }

  private success(id: JsonRpcId, value: unknown, method: string): string {
    let frame: string
    try {
      frame = successFrame(id, resultJson(value))
    } catch (e) {
      return this.failure(id, e, method)
    }
    if (this.overLimit(frame)) return errorFrame(id, responseTooBig(this.maxResponseSize))
    return frame
  }

  private failure(id: JsonRpcId, e: unknown, method: string): string {
    if (e instanceof RpcError) return errorFrame(id, e)
    this.logger.warn({ err: e, method }, 'RPC handler failed')
    return errorFrame(id, internalError(e instanceof Error ? e.message : String(e)))
  }

  private overLimit(frame: string): boolean {
    // UTF-8 needs at most 3 bytes per UTF-16 unit, so the exact count is only needed near the limit.
    const max = this.maxResponseSize
    if (frame.length > max) return true
    if (frame.length * 3 <= max) return false
    return Buffer.byteLength(frame) > max
  }

  private batchFrame(text: string, conn: DispatchTarget): void | Promise<void> {
    if (this.batch === 'disabled') return conn.reply(errorFrame(null, batchesNotSupported()))
    const items = decode(text)
    if (items === PARSE_FAILED || !Array.isArray(items)) return conn.reply(PARSE_ERROR_FRAME)
    if (typeof this.batch === 'number' && items.length > this.batch) {
      return conn.reply(errorFrame(null, batchTooBig(this.batch)))
    }
    if (items.length === 0) return conn.reply(errorFrame(null, invalidRequest()))
    const parts: string[] = []
    const accepted: Subscription[] = []
    for (let i = 0; i < items.length; i++) {
      const out = this.batchItem(items[i], conn, accepted)
      if (out === null) continue
      if (typeof out !== 'string') return this.batchTail(items, i, out, parts, accepted, conn)
      parts.push(out)
    }
    this.finishBatch(parts, accepted, conn)
  }

  private async batchTail(
    items: unknown[],
    at: number,
    pending: Promise<string>,
    parts: string[],
    accepted: Subscription[],
    conn: DispatchTarget,
  ): Promise<void> {
    parts.push(await pending)
    for (let i = at + 1; i < items.length; i++) {
      const out = this.batchItem(items[i], conn, accepted)
      if (out === null) continue
      parts.push(typeof out === 'string' ? out : await out)
    }
    this.finishBatch(parts, accepted, conn)
  }

  /** null for an entry that gets no reply (a notification). */
  private batchItem(item: unknown, conn: DispatchTarget, accepted: Subscription[]): string | Promise<string> | null {
    if (!isWellFormed(item)) return errorFrame(idOfInvalid(item), invalidRequest())
    if (isNotification(item)) return null
    const id = item.id as JsonRpcId
    const route = this.routes.get(item.method)
    if (route === undefined) return errorFrame(id, methodNotFound())
    if (route.kind === RouteKind.Call) return this.invokeCall(route.method, id, item.params, conn)
    if (route.kind === RouteKind.Unsubscribe) return this.invokeUnsubscribe(route.method, id, item.params, conn)
    return this.invokeSubscribe(route.method, id, item.params, conn, accepted)
  }

  private finishBatch(parts: string[], accepted: Subscription[], conn: DispatchTarget): void {
    if (parts.length === 0) return // only notifications
    // jsonrpsee counts each entry plus one separator byte against the response limit.
    let size = 1
    for (const p of parts) size += p.length + 1
    const frame = '[' + parts.join(',') + ']'
    if (size > this.maxResponseSize || this.overLimit(frame)) {
      for (const s of accepted) s.drop('refused')
      return conn.reply(errorFrame(null, batchResponseTooBig(this.maxResponseSize)))
    }
    conn.reply(frame)
    activateAll(accepted)
  }
}
