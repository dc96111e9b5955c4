// Metadata builders (V14, V15) derived from the runtime's declarations.
export type { ExtrinsicDescription, RuntimeDescription } from './description.js'
export { extraTy, extrinsicTy, uncheckedExtrinsicTy } from './description.js'
export { EraTy, MetadataHashMode, RuntimeTy, extensionsSpec425, extraSpec425, SELF_CONTAINED_EXTRINSIC, type SignedExtensionDecl } from './extensions.js'
export { PortableRegistryBuilder } from './portable.js'
export { buildMetadataV14 } from './v14.js'
export { buildMetadataV15 } from './v15.js'
