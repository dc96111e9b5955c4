// Signed (transaction) extensions as metadata lists them, and the Era type they need.
// The spec-425 list follows subtensor's `TxExtension` (runtime/src/lib.rs), flattened the way
// metadata shows it; type paths are the scale-info paths of the Rust types (module_path of the
// defining crate), so their last segment equals the identifier, which some clients (gsrpc) rely on.
import { compact, composite, f, option, tuple, u8, u8a32, u32, u64, unit, variant, type Ty, type Variant } from '../../codec/types.js'
import { H256 } from '../../frame/primitives.js'
import { RUNTIME_CRATE } from '../../frame/outer.js'

export interface SignedExtensionDecl { identifier: string; type: Ty; additionalSigned: Ty }

/**
 * `sp_runtime::generic::era::Era` as scale-info describes it: `Immortal` at 0, then
 * `Mortal1(u8)` … `Mortal255(u8)`, where the variant index is the first byte of the two-byte
 * mortal encoding and the field the second.
 */
export const EraTy: Ty = variant('sp_runtime::generic::era::Era', [
  { name: 'Immortal', index: 0, fields: [] },
  ...Array.from({ length: 255 }, (_, i): Variant => ({ name: `Mortal${i + 1}`, index: i + 1, fields: [{ type: u8 }] })),
])

/** `<runtime crate>::Runtime`: the top-level `type` of the metadata and the `T` of some extensions. */
export const RuntimeTy: Ty = composite(`${RUNTIME_CRATE}::Runtime`, [])

const skipT = [{ name: 'T' }]

/**
 * A zero-sized `Ext<T>(PhantomData<T>)` (scale-info drops PhantomData fields). `runtime` is given
 * when the Rust type does not `skip_type_params(T)`, so `T` is recorded with its type.
 */
function zeroSized(path: string, runtime: Ty | null): Ty {
  return composite(path, [], { params: runtime ? [{ name: 'T', type: runtime }] : skipT })
}

export const MetadataHashMode = variant('frame_metadata_hash_extension::Mode', [
  { name: 'Disabled', index: 0, fields: [] },
  { name: 'Enabled', index: 1, fields: [] },
])

/**
 * The 13 extensions of subtensor spec 425, in wire order. `runtime` must be the same Ty object the
 * runtime passes as `runtimeTy`, so the four subtensor extensions (whose `T` is not skipped) refer
 * to it rather than to a duplicate.
 */
export function extensionsSpec425(runtime: Ty = RuntimeTy): SignedExtensionDecl[] {
  let list = spec425.get(runtime)
  if (!list) { list = makeSpec425(runtime); spec425.set(runtime, list) }
  return list
}

// One list per runtime Ty, so repeated calls hand out the same type objects (one metadata id each).
const spec425 = new WeakMap<Ty, SignedExtensionDecl[]>()

function makeSpec425(runtime: Ty): SignedExtensionDecl[] {
  const sys = 'frame_system::extensions'
  return [
    { identifier: 'CheckNonZeroSender', type: zeroSized(`${sys}::check_non_zero_sender::CheckNonZeroSender`, null), additionalSigned: unit },
    { identifier: 'CheckSpecVersion', type: zeroSized(`${sys}::check_spec_version::CheckSpecVersion`, null), additionalSigned: u32 },
    { identifier: 'CheckTxVersion', type: zeroSized(`${sys}::check_tx_version::CheckTxVersion`, null), additionalSigned: u32 },
    { identifier: 'CheckGenesis', type: zeroSized(`${sys}::check_genesis::CheckGenesis`, null), additionalSigned: H256 },
    {
      identifier: 'CheckMortality',
      // subtensor's wrapper (runtime/src/check_mortality.rs): `CheckMortality<T>(pub Era, PhantomData<T>)`.
      type: composite(`${RUNTIME_CRATE}::check_mortality::CheckMortality`, [{ type: EraTy, typeName: 'Era' }], { params: skipT }),
      additionalSigned: H256,
    },
    {
      identifier: 'CheckNonce',
      // subtensor's own (runtime/src/check_nonce.rs): `CheckNonce<T>(#[codec(compact)] pub T::Nonce)`.
      type: composite(`${RUNTIME_CRATE}::check_nonce::CheckNonce`, [{ type: compact(u32), typeName: 'T::Nonce' }], { params: skipT }),
      additionalSigned: unit,
    },
    { identifier: 'CheckWeight', type: zeroSized(`${sys}::check_weight::CheckWeight`, null), additionalSigned: unit },
    {
      // The runtime's ChargeTransactionPaymentWrapper reports the inner extension's metadata.
      identifier: 'ChargeTransactionPayment',
      type: composite('pallet_transaction_payment::ChargeTransactionPayment', [{ type: compact(u64), typeName: 'BalanceOf<T>' }], { params: skipT }),
      additionalSigned: unit,
    },
    { identifier: 'SudoTransactionExtension', type: zeroSized(`${RUNTIME_CRATE}::sudo_wrapper::SudoTransactionExtension`, runtime), additionalSigned: unit },
    { identifier: 'CheckShieldedTxValidity', type: zeroSized('pallet_shield::extension::CheckShieldedTxValidity', runtime), additionalSigned: unit },
    { identifier: 'SubtensorTransactionExtension', type: zeroSized('pallet_subtensor::extensions::subtensor::SubtensorTransactionExtension', runtime), additionalSigned: unit },
    { identifier: 'DrandPriority', type: zeroSized('pallet_drand::drand_priority::DrandPriority', runtime), additionalSigned: unit },
    {
      identifier: 'CheckMetadataHash',
      type: composite('frame_metadata_hash_extension::CheckMetadataHash', [f('mode', MetadataHashMode, 'Mode')], { params: skipT }),
      additionalSigned: option(u8a32),
    },
  ]
}

/**
 * subtensor's `TxExtension = (SystemTxExtension, CustomTxExtension, CheckMetadataHash)` (7, 5 and 1
 * extensions) as the nested tuple its metadata shows for `Extra` / `extraType` (same bytes as the flat list).
 */
export function extraSpec425(runtime: Ty = RuntimeTy): Ty {
  const t = extensionsSpec425(runtime).map((e) => e.type)
  return tuple(tuple(...t.slice(0, 7)), tuple(...t.slice(7, 12)), t[12]!)
}

/** Frontier's newtype around UncheckedExtrinsic, which subtensor's Block uses. */
export const SELF_CONTAINED_EXTRINSIC = 'fp_self_contained::unchecked_extrinsic::UncheckedExtrinsic'
