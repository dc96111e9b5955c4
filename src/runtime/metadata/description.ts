// What a runtime hands the metadata builders, and the extrinsic type derived from it.
import { bytes, composite, tuple, tyId, type Ty } from '../../codec/types.js'
import type { RuntimeApiDecl } from '../api/types.js'
import type { PalletDecl } from '../../frame/declare/pallet.js'
import type { SignedExtensionDecl } from './extensions.js'

export interface ExtrinsicDescription {
  version: 4
  address: Ty
  call: Ty
  signature: Ty
  extensions: SignedExtensionDecl[]
  /**
   * The runtime's extension type, when it is not the flat tuple of `extensions` (subtensor nests
   * them, see `extraSpec425`). Its leaves must be the extension types, in order.
   */
  extra?: Ty
  /**
   * Path of a newtype around sp_runtime's UncheckedExtrinsic that the runtime's Block uses instead
   * (subtensor: frontier's `fp_self_contained::unchecked_extrinsic::UncheckedExtrinsic`).
   */
  wrapperPath?: string
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

/** The explicit extension data type (`Extra` / V15 `extraType`). */
export function extraTy(x: ExtrinsicDescription): Ty {
  if (!x.extra) return tuple(...x.extensions.map((e) => e.type))
  const leaves: Ty[] = []
  const walk = (t: Ty): void => { if (t.def.tag === 'tuple' && t.path.length === 0) t.def.of.forEach(walk); else leaves.push(t) }
  walk(x.extra)
  if (leaves.length !== x.extensions.length || leaves.some((t, i) => t !== x.extensions[i]!.type)) {
    throw new Error('extrinsic.extra must be a nesting of the extension types, in order')
  }
  return x.extra
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

/** The metadata V14 `extrinsic.ty`: the runtime's extrinsic type (the wrapper when there is one). */
export function extrinsicTy(x: ExtrinsicDescription): Ty {
  const inner = uncheckedExtrinsicTy(x)
  if (!x.wrapperPath) return inner
  const key = `${x.wrapperPath}:${tyId(inner)}`
  let t = uxtCache.get(key)
  if (!t) {
    // A derived TypeInfo on `struct W<Address, Call, Signature, Extension>(pub generic::UncheckedExtrinsic<…>)`.
    const [a, c, s, e] = inner.params
    t = composite(x.wrapperPath, [{ type: inner, typeName: 'generic::UncheckedExtrinsic<Address, Call, Signature, Extension>' }], {
      params: [{ name: 'Address', type: a!.type }, { name: 'Call', type: c!.type }, { name: 'Signature', type: s!.type }, { name: 'Extension', type: e!.type }],
    })
    uxtCache.set(key, t)
  }
  return t
}
