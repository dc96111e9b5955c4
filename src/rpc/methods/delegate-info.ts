// SubtensorCustom's delegateInfo_* JSON-RPC (pallets/subtensor/rpc): wrappers of
// DelegateInfoRuntimeApi answering SCALE bytes as a JSON array of numbers. The account is passed
// as its SCALE bytes (Vec<u8>) and decoded as an AccountId32 by the RPC itself. (The real node has
// no stakeInfo_* wrappers: StakeInfoRuntimeApi is reached through state_call only.)
import type { NodeContext } from '../../node/context.js'
import { invalidParams, RpcError } from '../errors.js'
import type { RpcEntry } from '../types.js'
import { arrayParam } from './params.js'
import { runtimeRpc } from './subtensor.js'

const RUNTIME_ERROR = 1
const WHAT = 'Unable to get delegates info'

/** serde's Vec<u8>: an array of integers 0..=255. */
function byteVec(v: unknown): Uint8Array {
  const a = arrayParam(v)
  for (const x of a) {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) throw invalidParams(`invalid type: ${JSON.stringify(x)}, expected u8`)
    if (x > 0xff) throw invalidParams(`invalid value: integer \`${x}\`, expected u8`)
  }
  return Uint8Array.from(a as number[])
}

/** `AccountId32::decode`: the first 32 bytes (more are ignored, fewer fail as codec does). */
function accountFromVec(v: unknown): Uint8Array {
  const b = byteVec(v)
  if (b.length < 32) throw new RpcError(RUNTIME_ERROR, `${WHAT}: Error { cause: None, desc: "Not enough data to fill buffer" }`)
  return b.slice(0, 32)
}

export function delegateInfoMethods(ctx: NodeContext): RpcEntry[] {
  const run = runtimeRpc(ctx)
  const bytes = (b: Uint8Array): number[] => Array.from(b)
  return [
    { name: 'delegateInfo_getDelegates', handler: (p) => bytes(run('DelegateInfoRuntimeApi_get_delegates', new Uint8Array(), p[0], WHAT)) },
    { name: 'delegateInfo_getDelegate', handler: (p) => bytes(run('DelegateInfoRuntimeApi_get_delegate', accountFromVec(p[0]), p[1], WHAT)) },
    { name: 'delegateInfo_getDelegated', handler: (p) => bytes(run('DelegateInfoRuntimeApi_get_delegated', accountFromVec(p[0]), p[1], WHAT)) },
  ]
}
