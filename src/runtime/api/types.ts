// Runtime APIs are declared as a table keyed by `Trait_method`: the same declaration feeds the
// metadata V15 `apis` section, the runtime version `apis` list and `state_call` dispatch.
import type { Ty } from '../../codec/types.js'
import type { Store } from '../../frame/declare/storage.js'

export interface RuntimeApiMethod {
  name: string
  inputs: { name: string; type: Ty }[]
  output: Ty
  docs?: string[]
  /** Decoded inputs in declaration order → value encoded with `output`. */
  call(ctx: RuntimeApiCtx, args: unknown[]): unknown
}

export interface RuntimeApiDecl {
  name: string
  version: number
  docs?: string[]
  methods: RuntimeApiMethod[]
  /** Listed in the runtime version but absent from metadata (e.g. versions-only entries). */
  hiddenFromMetadata?: boolean
}

export interface RuntimeApiCtx {
  /** State at the block the call is made against (writes are discarded afterwards). */
  s: Store
  blockNumber: number
  blockHash: Uint8Array
  /** Trie root of `s` with its pending writes applied (computed by the node's storage layer). */
  stateRoot(): Uint8Array
}
