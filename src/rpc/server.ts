// One port serving WebSocket and HTTP POST JSON-RPC, like polkadot-sdk's sc-rpc-server (jsonrpsee).
//
// HTTP answers follow jsonrpsee's transport: any path, POST with a JSON content type (415 otherwise,
// 405 for other verbs), 413 + -32007 for oversized bodies, 400 + -32700 for a body that does not
// start like JSON-RPC, an empty 200 for notification-only requests, 429 over the connection limit.
// `GET /health` and `GET /health/readiness` proxy `system_health` as Substrate's NodeHealthProxyLayer.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { HttpCall, WsConnection, isLoopback, type ConnectionEnv } from './connection.js'
import { corsResponseHeaders, hostAllowed, originAllowed, preflightHeaders, type CorsSetting } from './cors.js'
import { Dispatcher, allowsUnsafe, type BatchPolicy } from './dispatcher.js'
import { FrameKind, PARSE_ERROR_FRAME, errorFrame, frameKind } from './envelope.js'
import { requestTooBig } from './errors.js'
import { silentLogger, type RpcEntry, type RpcLogger, type RpcMethodsPolicy } from './types.js'

export { isLoopback } from './connection.js'

const MIB = 1024 * 1024

export interface RpcServerOptions {
  host: string
  port: number
  methods: readonly RpcEntry[]
  rpcMethods: RpcMethodsPolicy
  cors: CorsSetting
  /** Reject Host headers other than localhost/127.0.0.1/[::1] on our port. Default: `cors !== 'all'`, as Substrate. */
  hostFilter?: boolean
  maxConnections?: number
  maxRequestSize?: number
  maxResponseSize?: number
  maxSubscriptionsPerConnection?: number
  messageBufferCapacity?: number
  batchRequests?: BatchPolicy
  /** WebSocket ping period; a peer silent for three periods is disconnected (jsonrpsee: 30 s). */
  pingIntervalMs?: number
  logger?: RpcLogger
}

export interface RpcServer {
  readonly host: string
  readonly port: number
  readonly methodNames: readonly string[]
  /** Open WebSocket connections plus HTTP requests in progress. */
  connections(): number
  close(): Promise<void>
}

const TEXT = 'text/plain'
const JSON_CT = 'application/json; charset=utf-8'
const HOST_DENIED = 'Provided Host header is not whitelisted.\n'
const ORIGIN_DENIED =
  'Origin of the request is not whitelisted. CORS headers would not be sent and any side-effects were cancelled as well.\n'
const TOO_MANY = 'Too many connections. Please try again later.'
const NOT_POST = 'Used HTTP Method is not allowed. POST is required\n'
const BAD_CONTENT_TYPE = 'Supplied content type is not allowed. Content-Type: application/json is required\n'

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false
  const media = value.split(';', 1)[0]!.trim().toLowerCase()
  return media === 'application/json' || media === 'application/json-rpc'
}

interface ResolvedOptions {
  cors: CorsSetting
  hostFilter: boolean
  maxConnections: number
  maxRequestSize: number
  maxSubscriptionsPerConnection: number
  messageBufferCapacity: number
}

function rejectUpgrade(socket: Duplex, status: number, reason: string, body: string): void {
  const len = Buffer.byteLength(body)
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${TEXT}\r\nContent-Length: ${len}\r\nConnection: close\r\n\r\n${body}`,
  )
}

function send(res: ServerResponse, status: number, contentType: string, body: string, extra?: Record<string, string>): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...extra })
  res.end(body)
}

export async function createRpcServer(options: RpcServerOptions): Promise<RpcServer> {
  const logger = options.logger ?? silentLogger
  const opts: ResolvedOptions = {
    cors: options.cors,
    hostFilter: options.hostFilter ?? options.cors !== 'all',
    maxConnections: options.maxConnections ?? 100,
    maxRequestSize: options.maxRequestSize ?? 15 * MIB,
    maxSubscriptionsPerConnection: options.maxSubscriptionsPerConnection ?? 1024,
    messageBufferCapacity: options.messageBufferCapacity ?? 64,
  }
  const http: Server = createServer()
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port, options.host, () => {
      http.off('error', reject)
      resolve()
    })
  })
  const address = http.address()
  const boundHost = typeof address === 'object' && address !== null ? address.address : options.host
  const port = typeof address === 'object' && address !== null ? address.port : options.port
  const dispatcher = new Dispatcher(options.methods, {
    allowUnsafe: allowsUnsafe(options.rpcMethods, isLoopback(boundHost)),
    maxResponseSize: options.maxResponseSize ?? 15 * MIB,
    batch: options.batchRequests ?? 'unlimited',
    logger,
  })
  const wsConnections = new Set<WsConnection>()
  const env: ConnectionEnv = {
    dispatcher,
    logger,
    maxRequestSize: opts.maxRequestSize,
    maxSubscriptionsPerConnection: opts.maxSubscriptionsPerConnection,
    messageBufferCapacity: opts.messageBufferCapacity,
    closed: (conn) => wsConnections.delete(conn),
  }
  let httpInFlight = 0
  let reserved = 0 // upgrades accepted but not yet handed over by ws
  const connections = (): number => wsConnections.size + httpInFlight + reserved

  // soketto refuses frames over the limit but the connection survives; ws instead closes on
  // `maxPayload`. Let frames somewhat over the limit through so they get the JSON-RPC error.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: Math.max(2 * opts.maxRequestSize, opts.maxRequestSize + MIB),
    perMessageDeflate: false,
    clientTracking: false,
  })

  const gate = (req: IncomingMessage): { status: number; reason: string; body: string } | null => {
    if (opts.hostFilter && !hostAllowed(req.headers.host, port)) return { status: 403, reason: 'Forbidden', body: HOST_DENIED }
    if (!originAllowed(req.headers.origin, opts.cors)) return { status: 403, reason: 'Forbidden', body: ORIGIN_DENIED }
    if (connections() >= opts.maxConnections) return { status: 429, reason: 'Too Many Requests', body: TOO_MANY }
    return null
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (err) => logger.debug({ err }, 'socket error during upgrade'))
    const denied = gate(req)
    if (denied !== null) {
      rejectUpgrade(socket, denied.status, denied.reason, denied.body)
      return
    }
    reserved++
    let released = false
    const release = (): void => {
      if (!released) {
        released = true
        reserved--
      }
    }
    socket.once('close', release)
    wss.handleUpgrade(req, socket, head, (ws) => {
      release()
      const conn = new WsConnection(ws, socket as Socket, isLoopback(req.socket.remoteAddress), env)
      wsConnections.add(conn)
    })
  })

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const denied = gate(req)
    if (denied !== null) {
      req.resume()
      return send(res, denied.status, TEXT, denied.body)
    }
    httpInFlight++
    let done = false
    res.once('close', () => {
      if (!done) {
        done = true
        httpInFlight--
      }
    })
    const origin = req.headers.origin
    const cors = corsResponseHeaders(origin, opts.cors)
    const reqHeaders = req.headers['access-control-request-headers']
    if (req.method === 'OPTIONS') {
      req.resume()
      res.writeHead(200, preflightHeaders(origin, typeof reqHeaders === 'string' ? reqHeaders : undefined, opts.cors))
      return res.end()
    }
    const path = (req.url ?? '/').split('?', 1)[0]
    if (req.method === 'GET' && (path === '/health' || path === '/health/readiness')) {
      req.resume()
      return void health(path === '/health/readiness', req, res, cors)
    }
    if (req.method !== 'POST') {
      req.resume()
      return send(res, 405, TEXT, NOT_POST, cors)
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      req.resume()
      return send(res, 415, TEXT, BAD_CONTENT_TYPE, cors)
    }
    readBody(req, res, cors)
  })

  const tooLarge = (res: ServerResponse, cors: Record<string, string>): void =>
    send(res, 413, JSON_CT, errorFrame(null, requestTooBig(opts.maxRequestSize)), { ...cors, connection: 'close' })

  function readBody(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): void {
    const max = opts.maxRequestSize
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > max) {
      req.resume()
      return tooLarge(res, cors)
    }
    const chunks: Buffer[] = []
    let size = 0
    let overflow = false
    req.on('data', (chunk: Buffer) => {
      if (overflow) return
      size += chunk.length
      if (size > max) {
        overflow = true
        chunks.length = 0
        tooLarge(res, cors)
        return
      }
      chunks.push(chunk)
    })
    req.on('error', (err) => logger.debug({ err }, 'HTTP request stream error'))
    req.on('end', () => {
      if (overflow) return
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString()
      if (frameKind(text) === FrameKind.Malformed) return send(res, 400, JSON_CT, PARSE_ERROR_FRAME, cors)
      const call = new HttpCall(isLoopback(req.socket.remoteAddress))
      const finish = (): void => {
        send(res, 200, JSON_CT, call.frame ?? '', cors)
        call.finish(logger)
      }
      const pending = dispatcher.handleFrame(text, call)
      if (pending === undefined) return finish()
      pending.then(finish, (err: unknown) => {
        logger.warn({ err }, 'RPC frame handling failed')
        if (!res.headersSent) send(res, 500, TEXT, '')
      })
    })
  }

  async function health(readiness: boolean, req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): Promise<void> {
    const call = new HttpCall(isLoopback(req.socket.remoteAddress))
    try {
      const h = (await dispatcher.callDirect('system_health', [], call.ctx)) as { peers?: number; isSyncing?: boolean }
      if (!readiness) return send(res, 200, JSON_CT, JSON.stringify(h), cors)
      const ready = h.isSyncing === false && typeof h.peers === 'number' && h.peers > 0
      send(res, ready ? 200 : 500, JSON_CT, '', cors)
    } catch (err) {
      logger.debug({ err }, 'health check failed')
      send(res, 500, JSON_CT, '', cors)
    } finally {
      call.finish(logger)
    }
  }

  const pingMs = options.pingIntervalMs ?? 30_000
  const pinger = setInterval(() => {
    for (const c of wsConnections) {
      if (c.alive) c.missedPings = 0
      else if (++c.missedPings >= 3) {
        logger.debug({ conn: c.id }, 'WebSocket peer unresponsive; closing')
        c.ws.terminate()
        continue
      }
      c.alive = false
      c.ws.ping()
    }
  }, pingMs)
  pinger.unref()

  logger.info({ host: boundHost, port }, `Running JSON-RPC server: addr=${boundHost.includes(':') ? `[${boundHost}]` : boundHost}:${port},`)

  let closing: Promise<void> | null = null
  return {
    host: boundHost,
    port,
    methodNames: dispatcher.methodNames,
    connections,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(pinger)
        for (const c of [...wsConnections]) {
          c.shutdown()
          c.ws.terminate()
        }
        wss.close()
        http.close(() => resolve())
        http.closeAllConnections()
      })
      return closing
    },
  }
}
