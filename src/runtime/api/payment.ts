// TransactionPaymentApi (v4): fee estimates for an extrinsic, a weight or a length.
import { concatBytes } from '../../codec/bytes.js'
import { compactBytes } from '../../codec/scale.js'
import { u32, u64 } from '../../codec/types.js'
import { FeeDetails, RuntimeDispatchInfo } from '../../pallets/transaction-payment/pallet.js'
import { addWeight, Weight, type WeightValue } from '../../frame/primitives.js'
import type { ApiHost } from './host.js'
import type { RuntimeApiDecl } from './types.js'

const Balance = u64

export function transactionPaymentApi(h: ApiHost): RuntimeApiDecl {
  // Like pallet_transaction_payment, the estimate ignores the tip and reads the call's pre-dispatch info.
  const infoOf = (body: Uint8Array) => {
    const raw = concatBytes(compactBytes(body.length), body)
    const xt = h.executive.decode(raw)
    const call = h.executive.callInfo(xt.call)
    // A signed extrinsic weighs its call plus its extensions (DispatchInfo::total_weight).
    const info = xt.signed ? { ...call, weight: addWeight(call.weight, h.extensionWeight()) } : call
    return { xt, info }
  }
  return {
    name: 'TransactionPaymentApi',
    version: 4,
    methods: [
      {
        name: 'query_info',
        inputs: [{ name: 'uxt', type: h.uncheckedExtrinsic }, { name: 'len', type: u32 }],
        output: RuntimeDispatchInfo,
        call: (_ctx, [body, len]) => {
          const { xt, info } = infoOf(body as Uint8Array)
          // Unsigned extrinsics pay nothing.
          const parts = xt.signed ? h.feeParts(len as number, info) : null
          const partial = parts ? parts.baseFee + parts.lenFee + parts.adjustedWeightFee : 0n
          return { weight: info.weight, class: { type: info.class }, partial_fee: partial }
        },
      },
      {
        name: 'query_fee_details',
        inputs: [{ name: 'uxt', type: h.uncheckedExtrinsic }, { name: 'len', type: u32 }],
        output: FeeDetails,
        call: (_ctx, [body, len]) => {
          const { xt, info } = infoOf(body as Uint8Array)
          const tip = (h.executive.extensionValue(xt, 'ChargeTransactionPayment') as bigint | undefined) ?? 0n
          const parts = xt.signed ? h.feeParts(len as number, info) : null
          return {
            inclusion_fee: parts ? { base_fee: parts.baseFee, len_fee: parts.lenFee, adjusted_weight_fee: parts.adjustedWeightFee } : null,
            tip,
          }
        },
      },
      { name: 'query_weight_to_fee', inputs: [{ name: 'weight', type: Weight }], output: Balance, call: (_c, [w]) => h.weightToFee(w as WeightValue) },
      { name: 'query_length_to_fee', inputs: [{ name: 'length', type: u32 }], output: Balance, call: (_c, [l]) => h.lengthToFee(l as number) },
    ],
  }
}
