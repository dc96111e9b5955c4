// payment_*: the legacy fee RPCs of pallet-transaction-payment-rpc, wrapping TransactionPaymentApi.
import { concatBytes } from '../../codec/bytes.js'
import { decode } from '../../codec/scale.js'
import type { NodeContext } from '../../node/context.js'
import { FeeDetails, RuntimeDispatchInfo } from '../../pallets/transaction-payment/pallet.js'
import { ExtrinsicFormatError, extrinsicBody } from '../../runtime/extrinsic.js'
import type { WeightValue } from '../../frame/primitives.js'
import { RpcError } from '../errors.js'
import type { RpcEntry } from '../types.js'
import { blockOrBest, unknownBlockApi, type BlockAt } from './common.js'
import { hexBytes, optionalHash } from './params.js'
import { callRuntime, RuntimeCallFailure } from './runtime-call.js'

const RUNTIME_ERROR = 1
const DECODE_ERROR = 2

interface DispatchInfoValue { weight: WeightValue; class: { type: string }; partial_fee: bigint }
interface InclusionFeeValue { base_fee: bigint; len_fee: bigint; adjusted_weight_fee: bigint }
interface FeeDetailsValue { inclusion_fee: InclusionFeeValue | null; tip: bigint }

/** sp_rpc NumberOrHex for a balance: a JSON number when it fits u64 (always, for u64 balances). */
const numberOrHex = (v: bigint): number | string => (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : '0x' + v.toString(16))

export function paymentMethods(ctx: NodeContext): RpcEntry[] {
  const query = (method: string, desc: string, xt: unknown, at: unknown): Uint8Array => {
    const raw = hexBytes(xt)
    const hash = optionalHash(at)
    try {
      extrinsicBody(raw)
    } catch (e) {
      if (e instanceof ExtrinsicFormatError) throw new RpcError(DECODE_ERROR, desc, e.message)
      throw e
    }
    let block: BlockAt
    try {
      block = blockOrBest(ctx, hash, (h) => new RpcError(RUNTIME_ERROR, desc, unknownBlockApi(h)))
      const len = new Uint8Array(4)
      new DataView(len.buffer).setUint32(0, raw.length, true)
      return callRuntime(ctx, block, method, concatBytes(raw, len))
    } catch (e) {
      if (e instanceof RuntimeCallFailure) throw new RpcError(RUNTIME_ERROR, desc, e.message)
      throw e
    }
  }

  return [
    {
      name: 'payment_queryInfo',
      handler: ([xt, at]) => {
        const desc = 'Unable to query dispatch info.'
        const info = decode<DispatchInfoValue>(RuntimeDispatchInfo, query('TransactionPaymentApi_query_info', desc, xt, at))
        // RuntimeDispatchInfo is camelCase, but sp_weights::Weight keeps its snake_case field
        // names, the class is a camelCase enum and the fee a decimal string (serde_balance).
        return {
          weight: { ref_time: Number(info.weight.ref_time), proof_size: Number(info.weight.proof_size) },
          class: info.class.type.charAt(0).toLowerCase() + info.class.type.slice(1),
          partialFee: info.partial_fee.toString(),
        }
      },
    },
    {
      name: 'payment_queryFeeDetails',
      handler: ([xt, at]) => {
        const desc = 'Unable to query fee details.'
        const d = decode<FeeDetailsValue>(FeeDetails, query('TransactionPaymentApi_query_fee_details', desc, xt, at))
        const fee = d.inclusion_fee
        // The RPC serializes FeeDetails without its tip (serde skip).
        return {
          inclusionFee: fee === null
            ? null
            : { baseFee: numberOrHex(fee.base_fee), lenFee: numberOrHex(fee.len_fee), adjustedWeightFee: numberOrHex(fee.adjusted_weight_fee) },
        }
      },
    },
  ]
}
