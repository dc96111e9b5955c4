// What a runtime hands the metadata builders, and the extrinsic type derived from it.
import { bytes, composite, tuple, tyId, type Ty } from '../../codec/types.js'
import type { RuntimeApiDecl } from '../api/types.js'
import type { PalletDecl } from '../declare/pallet.js'
import type { SignedExtensionDecl } from './extensions.js'

export interface ExtrinsicDescription {
  version: 4
  address: Ty
  call: Ty
  signature: Ty
  extensions: SignedExtensionDecl[]
}

export interface RuntimeDescription {
  /** Any order; metadata lists them by index. */
  pallets: PalletDecl[]
  extrinsic: ExtrinsicDescription
  /** V15 `apis` (entries with `hiddenFromMetadata` are left out). */
  apis: RuntimeApiDecl[]
  /** V15 outer enums. */
  outer: { call: Ty; event: Ty; error: Ty }
  /** `node_subtensor_runtime::Runtime`, an empty composite. */
  runtimeTy: Ty
}

/** The tuple of explicit extension types (`Extra` / V15 `extraType`). */
export function extraTy(x: ExtrinsicDescription): Ty {
  return tuple(...x.extensions.map((e) => e.type))
}

const uxtCache = new Map<string, Ty>()

/**
 * `sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic<Address, Call, Signature, Extra>`,
 * which scale-info describes as an opaque `Vec<u8>`; clients read the four params to learn the
 * runtime's address, call and signature types. Memoised on the four types, so a runtime API that
 * takes an extrinsic can refer to the very object the builder registers.
 */
export function uncheckedExtrinsicTy(x: ExtrinsicDescription): Ty {
  const extra = extraTy(x)
  const key = [x.address, x.call, x.signature, extra].map(tyId).join(',')
  let t = uxtCache.get(key)
  if (!t) {
    t = composite('sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic', [{ type: bytes }], {
      params: [
        { name: 'Address', type: x.address },
        { name: 'Call', type: x.call },
        { name: 'Signature', type: x.signature },
        { name: 'Extra', type: extra },
      ],
    })
    uxtCache.set(key, t)
  }
  return t
}
