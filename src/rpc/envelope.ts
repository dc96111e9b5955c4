// JSON-RPC 2.0 framing: decoding request frames and encoding response/notification frames.
// Field order of encoded frames follows jsonrpsee: {"jsonrpc","id","result"|"error"}.

import { RpcError, parseError } from './errors.js'
import { restoreExactIds } from './exact-id.js'
import type { JsonRpcId } from './types.js'

/** A request object that passed `isWellFormed`. */
export interface RequestObject {
  jsonrpc: '2.0'
  method: string
  id?: JsonRpcId
  params?: unknown
}

export enum FrameKind {
  Single,
  Batch,
  Malformed,
}

const OPEN_BRACE = 0x7b
const OPEN_BRACKET = 0x5b

/**
 * Decide from the first non-whitespace character (within 128, as jsonrpsee) whether the frame is
 * a single request, a batch, or garbage.
 */
export function frameKind(text: string): FrameKind {
  const n = text.length < 128 ? text.length : 128
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === OPEN_BRACE) return FrameKind.Single
    if (c === OPEN_BRACKET) return FrameKind.Batch
    // JSON whitespace: space, tab, LF, CR
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return FrameKind.Malformed
  }
  return FrameKind.Malformed
}

export const PARSE_FAILED: unique symbol = Symbol('parse failed')

/** JSON.parse, with numeric request ids kept exact (bigint; see exact-id.ts). */
export function decode(text: string): unknown {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    return PARSE_FAILED
  }
  restoreExactIds(text, v)
  return v
}

/** jsonrpsee's `Id`: null, a u64 or a string. */
function isValidId(id: unknown): id is JsonRpcId {
  const t = typeof id
  return id === null || t === 'string' || t === 'bigint' || (t === 'number' && Number.isSafeInteger(id) && (id as number) >= 0)
}

/** A call (has `id`) or a notification (no `id`) with the mandatory fields right. */
export function isWellFormed(v: unknown): v is RequestObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const o = v as Record<string, unknown>
  if (o.jsonrpc !== '2.0' || typeof o.method !== 'string') return false
  return !('id' in o) || isValidId(o.id)
}

/** The id to answer a malformed request with: its own id when readable, else null. */
export function idOfInvalid(v: unknown): JsonRpcId {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null
  const id = (v as Record<string, unknown>).id
  return isValidId(id) ? id : null
}

export function isNotification(req: RequestObject): boolean {
  return !('id' in req)
}

/**
 * Handlers always get an array: positional params as they are, by-name params as `[object]`,
 * absent or null params as `[]`. Anything else (a bare string or number) cannot be handed over.
 */
export function normalizeParams(p: unknown): unknown[] | undefined {
  if (Array.isArray(p)) return p
  if (p === undefined || p === null) return []
  if (typeof p === 'object') return [p]
  return undefined
}

export function idJson(id: JsonRpcId): string {
  return typeof id === 'number' || typeof id === 'bigint' ? String(id) : JSON.stringify(id)
}

/** Serialize a handler's result; `undefined` becomes `null` so the frame stays valid JSON. */
export function resultJson(result: unknown): string {
  const s = JSON.stringify(result)
  return s === undefined ? 'null' : s
}

export function successFrame(id: JsonRpcId, result: string): string {
  return '{"jsonrpc":"2.0","id":' + idJson(id) + ',"result":' + result + '}'
}

export function errorFrame(id: JsonRpcId, err: RpcError): string {
  let data = ''
  if (err.data !== undefined) {
    const d = JSON.stringify(err.data)
    if (d !== undefined) data = ',"data":' + d
  }
  return (
    '{"jsonrpc":"2.0","id":' +
    idJson(id) +
    ',"error":{"code":' +
    err.code +
    ',"message":' +
    JSON.stringify(err.message) +
    data +
    '}}'
  )
}

export function notificationFrame(method: string, subscription: string, result: string): string {
  return (
    '{"jsonrpc":"2.0","method":' +
    JSON.stringify(method) +
    ',"params":{"subscription":' +
    JSON.stringify(subscription) +
    ',"result":' +
    result +
    '}}'
  )
}

/** The reply to a frame that is not JSON, or does not start like a request. */
export const PARSE_ERROR_FRAME = errorFrame(null, parseError())
