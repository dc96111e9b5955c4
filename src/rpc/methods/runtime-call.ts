// Running a runtime API against a block's state, with failures worded like the Substrate
// executor's (what `state_call` and the RPCs built on runtime APIs put in their error texts).
import { commitState } from '../../chain/block-diff.js'
import type { NodeContext } from '../../node/context.js'
import { ExtrinsicDecodeError } from '../../runtime/extrinsic.js'
import { RuntimeApiError } from '../../runtime/runtime.js'
import type { BlockAt } from './common.js'

/** A runtime call failed; `message` is the executor error's Display ("Execution failed: ..."). */
export class RuntimeCallFailure extends Error {}

const DECODE_PREFIX = /^Could not decode input of ([A-Za-z0-9]+)_([a-z0-9_]+): (.*)$/s

function executionError(name: string, e: unknown): RuntimeCallFailure {
  const msg = e instanceof Error ? e.message : String(e)
  // The real runtime decodes extrinsic arguments before the call; ours inside it. Same panic.
  if (e instanceof ExtrinsicDecodeError) {
    const fn = name.slice(name.indexOf('_') + 1)
    return new RuntimeCallFailure(`Execution failed: Runtime panicked: Bad input data provided to ${fn}: ${msg}`)
  }
  if (e instanceof RuntimeApiError) {
    const m = DECODE_PREFIX.exec(msg)
    // sp_api panics on undecodable arguments with "Bad input data provided to <fn>: <codec error>".
    if (m) return new RuntimeCallFailure(`Execution failed: Runtime panicked: Bad input data provided to ${m[2]}: ${m[3]}`)
    return new RuntimeCallFailure(`Execution failed: Other: ${msg}`)
  }
  return new RuntimeCallFailure(`Execution failed: Runtime panicked: ${msg}`)
}

/** `Trait_method` with SCALE `input` on a throwaway overlay of `block`'s state. */
export function callRuntime(ctx: NodeContext, block: BlockAt, name: string, input: Uint8Array): Uint8Array {
  const overlay = ctx.chain.overlayAt(block.hash)
  const root = block.header.state_root
  try {
    return ctx.runtime.callApi(name, input, overlay, { number: block.number, hash: block.hash }, (s) => commitState(ctx.chain.store, root, s).root)
  } catch (e) {
    throw executionError(name, e)
  }
}
