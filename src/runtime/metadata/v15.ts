// Metadata V15: what `Metadata_metadata_at_version(15)` returns. Adds pallet docs, the split
// extrinsic types, runtime APIs, the outer enums and (empty) custom values.
import type { RuntimeDescription } from './description.js'
import { extraTy, extrinsicTy } from './description.js'
import { frame } from './encode.js'
import { byIndex, palletV15 } from './pallets.js'
import { PortableRegistryBuilder } from './portable.js'
import { MetadataV15 } from './schema.js'
import { signedExtensions } from './v14.js'

export function buildMetadataV15(d: RuntimeDescription): Uint8Array {
  const reg = new PortableRegistryBuilder()
  const pallets = byIndex(d.pallets).map((p) => palletV15(reg, p))
  const x = d.extrinsic
  const extrinsic = {
    version: x.version,
    addressType: reg.id(x.address),
    callType: reg.id(x.call),
    signatureType: reg.id(x.signature),
    extraType: reg.id(extraTy(x)),
    signedExtensions: signedExtensions(reg, d),
  }
  // V15 does not point at the extrinsic type, but polkadot.js finds the Call alias and the
  // address/signature kinds by looking for it in the registry (as real runtimes have it, through
  // the BlockBuilder API), so it is always registered.
  reg.id(extrinsicTy(x))
  const type = reg.id(d.runtimeTy)
  const apis = d.apis.filter((a) => !a.hiddenFromMetadata).map((a) => ({
    name: a.name,
    methods: a.methods.map((m) => ({
      name: m.name,
      inputs: m.inputs.map((i) => ({ name: i.name, type: reg.id(i.type) })),
      output: reg.id(m.output),
      docs: m.docs ?? [],
    })),
    docs: a.docs ?? [],
  }))
  const outerEnums = { callType: reg.id(d.outer.call), eventType: reg.id(d.outer.event), errorType: reg.id(d.outer.error) }
  return frame(15, MetadataV15, {
    lookup: { types: reg.types() }, pallets, extrinsic, type, apis, outerEnums, custom: { map: [] },
  })
}
