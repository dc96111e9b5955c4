// The runtime's outer enums. They are created empty here so that pallets can refer to them
// (Utility's `Vec<RuntimeCall>`, Sudo's `Box<RuntimeCall>`) before the runtime is composed;
// `composeOuterEnums` fills them in once, from the pallet list, before any codec is compiled.
import { composite, f, vec, type Ty } from '../codec/types.js'
import type { PalletDecl } from './declare/pallet.js'
import { H256, Phase } from './primitives.js'

export const RUNTIME_CRATE = 'node_subtensor_runtime'

const empty = (name: string): Ty => ({ def: { tag: 'variant', variants: [] }, path: [RUNTIME_CRATE, name], params: [] })

export const RuntimeCall = empty('RuntimeCall')
export const RuntimeEvent = empty('RuntimeEvent')
export const RuntimeError = empty('RuntimeError')

export const EventRecord = composite('frame_system::EventRecord', [
  f('phase', Phase, 'Phase'),
  f('event', RuntimeEvent, 'E'),
  f('topics', vec(H256), 'Vec<T>'),
], { params: [{ name: 'E', type: RuntimeEvent }, { name: 'T', type: H256 }] })

let composed = false

export function composeOuterEnums(pallets: PalletDecl[]): void {
  if (composed) throw new Error('outer enums are composed once per process')
  composed = true
  const hidden = 'self::sp_api_hidden_includes_construct_runtime::hidden_include'
  RuntimeCall.def = { tag: 'variant', variants: pallets.filter((p) => p.callTy).map((p) => ({
    name: p.name, index: p.index, fields: [{ type: p.callTy!, typeName: `${hidden}::dispatch::CallableCallFor<${p.name}, Runtime>` }],
  })) }
  RuntimeEvent.def = { tag: 'variant', variants: pallets.filter((p) => p.eventTy).map((p) => ({
    name: p.name, index: p.index, fields: [{ type: p.eventTy!, typeName: `${p.crate}::Event<Runtime>` }],
  })) }
  RuntimeError.def = { tag: 'variant', variants: pallets.filter((p) => p.errorTy).map((p) => ({
    name: p.name, index: p.index, fields: [{ type: p.errorTy!, typeName: `${p.crate}::Error<Runtime>` }],
  })) }
}
