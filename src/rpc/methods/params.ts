// Positional-parameter parsing with the leniency and the error shapes of Substrate's serde-based
// decoding: hex with or without `0x` (impl-serde), block hashes that may be null/absent (= best),
// block numbers as JSON numbers or hex strings (sp_rpc NumberOrHex). Failures are -32602
// "Invalid params" with the reason in `data`, as jsonrpsee reports them.
import { decodeAddress } from '@polkadot/util-crypto'
import { hexOf } from '../../codec/bytes.js'
import { invalidParams, RpcError } from '../errors.js'

const HEX_DIGIT = /^[0-9a-fA-F]$/

/** The decimal rendering serde_json gives a JSON value in "invalid type" messages. */
function describe(v: unknown): string {
  if (v === undefined) return 'nothing (parameter missing)'
  if (v === null) return 'null'
  if (typeof v === 'number') return Number.isInteger(v) ? `integer \`${v}\`` : `floating point \`${v}\``
  if (typeof v === 'boolean') return `boolean \`${v}\``
  if (typeof v === 'string') return `string ${JSON.stringify(v)}`
  if (Array.isArray(v)) return 'sequence'
  return 'map'
}

/**
 * Bytes from hex, `0x` optional. Like impl-serde an odd digit count is accepted, the first digit
 * standing alone as the high byte's low nibble.
 */
export function hexBytes(v: unknown, what = 'a (both 0x-prefixed or not) hex string'): Uint8Array {
  if (typeof v !== 'string') throw invalidParams(`invalid type: ${describe(v)}, expected ${what}`)
  const s = v.startsWith('0x') || v.startsWith('0X') ? v.slice(2) : v
  const even = s.length % 2 === 0 ? s : '0' + s
  // Decoded straight into bytes of its own (not a view into Buffer's shared pool). Node stops at
  // the first pair that is not two hex digits, so a short count means a bad character.
  const out = new Uint8Array(even.length >>> 1)
  if (Buffer.from(out.buffer).write(even, 'hex') !== out.length) {
    const bad = [...s].findIndex((c) => !HEX_DIGIT.test(c))
    throw invalidParams(`invalid hex character: ${s[bad]}, at ${bad + (s.length === v.length ? 0 : 2)}`)
  }
  return out
}

export function optionalHexBytes(v: unknown): Uint8Array | undefined {
  return v === undefined || v === null ? undefined : hexBytes(v)
}

/** A 32-byte hash (H256): exactly 64 digits, `0x` optional. */
export function hashParam(v: unknown): Uint8Array {
  const expected = 'a (both 0x-prefixed or not) hex string with length of 64'
  const b = hexBytes(v, expected)
  if (b.length !== 32 || (v as string).replace(/^0x/i, '').length !== 64) {
    throw invalidParams(`invalid length ${(v as string).replace(/^0x/i, '').length}, expected ${expected}`)
  }
  return b
}

/** `Option<Hash>`: absent or null means "not given". */
export function optionalHash(v: unknown): Uint8Array | undefined {
  return v === undefined || v === null ? undefined : hashParam(v)
}

export function boolParam(v: unknown): boolean {
  if (typeof v !== 'boolean') throw invalidParams(`invalid type: ${describe(v)}, expected a boolean`)
  return v
}

export function optionalBool(v: unknown): boolean | undefined {
  return v === undefined || v === null ? undefined : boolParam(v)
}

export function stringParam(v: unknown): string {
  if (typeof v !== 'string') throw invalidParams(`invalid type: ${describe(v)}, expected a string`)
  return v
}

export function u32Param(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw invalidParams(`invalid type: ${describe(v)}, expected u32`)
  }
  if (v > 0xffffffff) throw invalidParams(`invalid value: integer \`${v}\`, expected u32`)
  return v
}

export function arrayParam(v: unknown, what = 'a sequence'): unknown[] {
  if (!Array.isArray(v)) throw invalidParams(`invalid type: ${describe(v)}, expected ${what}`)
  return v
}

/** sp_rpc NumberOrHex: a non-negative JSON integer or a hex string (U256). */
export type NumberOrHex = { kind: 'Number'; value: bigint } | { kind: 'Hex'; value: bigint }

export function numberOrHex(v: unknown): NumberOrHex {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) throw invalidParams(`data did not match any variant of untagged enum NumberOrHex`)
    return { kind: 'Number', value: BigInt(v) }
  }
  if (typeof v === 'string') {
    const b = hexBytes(v)
    if (b.length > 32) throw invalidParams('data did not match any variant of untagged enum NumberOrHex')
    return { kind: 'Hex', value: b.length === 0 ? 0n : BigInt(hexOf(b)) }
  }
  throw invalidParams('data did not match any variant of untagged enum NumberOrHex')
}

/** sc-rpc-api chain error `Other` (3001): a number that does not fit the u32 block number. */
export const CHAIN_OTHER_ERROR = 3001

export function blockNumber(n: NumberOrHex): number {
  if (n.value > 0xffffffffn) {
    throw new RpcError(CHAIN_OTHER_ERROR, `\`${n.kind}(${n.value})\` > u32::MAX, the max block number is u32.`)
  }
  return Number(n.value)
}

/** An AccountId32 given as SS58 (what Substrate's serde accepts) or, leniently, 32-byte hex. */
export function accountParam(v: unknown): Uint8Array {
  if (typeof v !== 'string') throw invalidParams(`invalid type: ${describe(v)}, expected an SS58 address`)
  if (/^0x[0-9a-fA-F]{64}$/.test(v)) return hexBytes(v)
  try {
    const pk = decodeAddress(v)
    if (pk.length !== 32) throw new Error('BadLength')
    return pk
  } catch {
    throw invalidParams('Invalid ss58 public key')
  }
}
