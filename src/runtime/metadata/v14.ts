// Metadata V14: what `state_getMetadata` / `Metadata_metadata` return.
import type { RuntimeDescription } from './description.js'
import { extrinsicTy } from './description.js'
import { frame } from './encode.js'
import { byIndex, palletV14 } from './pallets.js'
import { PortableRegistryBuilder } from './portable.js'
import { MetadataV14, type SignedExtensionV } from './schema.js'

export function signedExtensions(reg: PortableRegistryBuilder, d: RuntimeDescription): SignedExtensionV[] {
  return d.extrinsic.extensions.map((e) => ({
    identifier: e.identifier, type: reg.id(e.type), additionalSigned: reg.id(e.additionalSigned),
  }))
}

export function buildMetadataV14(d: RuntimeDescription): Uint8Array {
  const reg = new PortableRegistryBuilder()
  const pallets = byIndex(d.pallets).map((p) => palletV14(reg, p))
  const extrinsic = {
    type: reg.id(extrinsicTy(d.extrinsic)),
    version: d.extrinsic.version,
    signedExtensions: signedExtensions(reg, d),
  }
  const type = reg.id(d.runtimeTy)
  return frame(14, MetadataV14, { lookup: { types: reg.types() }, pallets, extrinsic, type })
}
