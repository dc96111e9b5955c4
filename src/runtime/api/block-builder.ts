// BlockBuilder runtime API: apply an extrinsic, finalize the block, make and check inherents.
import { concatBytes, sameBytes } from '../../codec/bytes.js'
import { compactBytes, decode } from '../../codec/scale.js'
import { result, u64, unit, vec } from '../../codec/types.js'
import { BlockTy, CheckInherentsResult, InherentData, TIMESTAMP_INHERENT } from '../block.js'
import { extrinsicBody } from '../extrinsic.js'
import { DispatchError, Header, type HeaderValue } from '../../frame/primitives.js'
import { TransactionValidityErrorTy, validityErrorValue } from '../validity.js'
import { orderedTrieRoot } from '../../storage/trie/index.js'
import type { ApiHost } from './host.js'
import type { RuntimeApiDecl } from './types.js'

export const ApplyExtrinsicResult = result(result(unit, DispatchError), TransactionValidityErrorTy)

const MAX_TIMESTAMP_DRIFT_MS = 30_000n
/** sp_timestamp::InherentError::TooFarInFuture, SCALE-encoded. */
const TOO_FAR_IN_FUTURE = new Uint8Array([1])

type InherentDataValue = { data: [Uint8Array, Uint8Array][] }

function timestampOf(d: InherentDataValue): bigint | null {
  const e = d.data.find(([id]) => sameBytes(id, TIMESTAMP_INHERENT))
  return e ? decode<bigint>(u64, e[1]) : null
}

export function blockBuilderApi(h: ApiHost): RuntimeApiDecl {
  const withPrefix = (body: Uint8Array): Uint8Array => concatBytes(compactBytes(body.length), body)
  return {
    name: 'BlockBuilder',
    version: 6,
    docs: [' The `BlockBuilder` api trait that provides the required functionality for building a block.'],
    methods: [
      {
        name: 'apply_extrinsic',
        inputs: [{ name: 'extrinsic', type: h.uncheckedExtrinsic }],
        output: ApplyExtrinsicResult,
        docs: [' Apply the given extrinsic.'],
        call: (ctx, [body]) => {
          const r = h.executive.applyExtrinsic(ctx.s, withPrefix(body as Uint8Array), ctx.blockNumber)
          if (!r.ok) return { type: 'Err', value: validityErrorValue(r.error) }
          return { type: 'Ok', value: r.outcome.ok ? { type: 'Ok', value: null } : { type: 'Err', value: r.outcome.error.error } }
        },
      },
      {
        name: 'finalize_block',
        inputs: [],
        output: Header,
        docs: [' Finish the current block.'],
        call: (ctx) => {
          const fin = h.executive.finalizeBlock(ctx.s, ctx.blockNumber)
          // Each runtime call is its own execution: no extrinsic was applied in this one.
          const header: HeaderValue = {
            parent_hash: fin.parentHash, number: fin.number, state_root: ctx.stateRoot(),
            extrinsics_root: orderedTrieRoot([]), digest: { logs: fin.digest },
          }
          return header
        },
      },
      {
        name: 'inherent_extrinsics',
        inputs: [{ name: 'inherent', type: InherentData }],
        output: vec(h.uncheckedExtrinsic),
        docs: [' Generate inherent extrinsics. The inherent data will vary from chain to chain.'],
        call: (_ctx, [data]) => {
          const ts = timestampOf(data as InherentDataValue)
          if (ts === null) return []
          return [extrinsicBody(h.timestampInherent(ts))]
        },
      },
      {
        name: 'check_inherents',
        inputs: [{ name: 'block', type: BlockTy(h.uncheckedExtrinsic) }, { name: 'data', type: InherentData }],
        output: CheckInherentsResult,
        docs: [' Check that the inherents are valid. The inherent data will vary from chain to chain.'],
        call: (_ctx, [blk, data]) => {
          // pallet_timestamp's check: the block's timestamp may run at most 30 s ahead of ours.
          const now = timestampOf(data as InherentDataValue)
          const block = blk as { extrinsics: Uint8Array[] }
          for (const body of block.extrinsics) {
            const call = h.executive.decode(withPrefix(body)).call
            if (call.type !== 'Timestamp' || call.value.type !== 'set') continue
            const t = (call.value.value as { now: bigint }).now
            if (now !== null && t > now + MAX_TIMESTAMP_DRIFT_MS) {
              return { okay: false, fatal_error: true, errors: { data: [[TIMESTAMP_INHERENT, TOO_FAR_IN_FUTURE]] } }
            }
          }
          return { okay: true, fatal_error: false, errors: { data: [] } }
        },
      },
    ],
  }
}
