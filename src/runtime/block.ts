// sp_runtime::generic::Block and the inherent-data types the block-builder API speaks.
import { array, bool, bytes, composite, f, tuple, u8, vec, type Ty } from '../codec/types.js'
import { Header } from '../frame/primitives.js'

const blockTys = new WeakMap<Ty, Ty>()

export function BlockTy(uncheckedExtrinsic: Ty): Ty {
  let t = blockTys.get(uncheckedExtrinsic)
  if (!t) {
    t = composite('sp_runtime::generic::block::Block', [
      f('header', Header, 'Header'),
      f('extrinsics', vec(uncheckedExtrinsic), 'Vec<Extrinsic>'),
    ], { params: [{ name: 'Header', type: Header }, { name: 'Extrinsic', type: uncheckedExtrinsic }] })
    blockTys.set(uncheckedExtrinsic, t)
  }
  return t
}

/** sp_inherents::InherentData: a BTreeMap<InherentIdentifier, Vec<u8>> (sorted by identifier). */
export const InherentData = composite('sp_inherents::InherentData', [
  f('data', vec(tuple(array(8, u8), bytes)), 'BTreeMap<InherentIdentifier, Vec<u8>>'),
])
export const CheckInherentsResult = composite('sp_inherents::CheckInherentsResult', [
  f('okay', bool, 'bool'),
  f('fatal_error', bool, 'bool'),
  f('errors', InherentData, 'InherentData'),
])

export const TIMESTAMP_INHERENT = new TextEncoder().encode('timstap0')
export const AURA_INHERENT = new TextEncoder().encode('auraslot')
