// Core and Metadata runtime APIs.
import { concatBytes, sameBytes } from '../../codec/bytes.js'
import { orderedTrieRoot } from '../../storage/trie/index.js'
import { compactBytes, encode } from '../../codec/scale.js'
import { bytes, composite, enumOf, option, u32, unit, vec } from '../../codec/types.js'
import { BlockTy } from '../block.js'
import { DigestItem, Header, type HeaderValue } from '../../frame/primitives.js'
import { RuntimeVersionTy } from '../version.js'
import type { ApiHost } from './host.js'
import type { RuntimeApiDecl } from './types.js'

export const OpaqueMetadata = composite('sp_core::OpaqueMetadata', [{ type: bytes, typeName: 'Vec<u8>' }])
export const ExtrinsicInclusionMode = enumOf('sp_runtime::ExtrinsicInclusionMode', ['AllExtrinsics', 'OnlyInherents'])

export function coreApi(h: ApiHost): RuntimeApiDecl {
  const block = BlockTy(h.uncheckedExtrinsic)
  return {
    name: 'Core',
    version: 5,
    docs: [' The `Core` runtime api that every Substrate runtime needs to implement.'],
    methods: [
      { name: 'version', inputs: [], output: RuntimeVersionTy, docs: [' Returns the version of the runtime.'], call: () => h.version() },
      {
        name: 'execute_block',
        inputs: [{ name: 'block', type: block }],
        output: unit,
        docs: [' Execute the given block.'],
        call: (ctx, [b]) => {
          const blk = b as { header: HeaderValue; extrinsics: Uint8Array[] }
          const ex = h.executive
          const n = blk.header.number
          // The runtime sees the header without its seal, as the node hands it over.
          const logs = blk.header.digest.logs.filter((l) => l.type !== 'Seal')
          ex.initializeBlock(ctx.s, { number: n, parentHash: blk.header.parent_hash, digest: logs })
          const raws = blk.extrinsics.map((body) => concatBytes(compactBytes(body.length), body))
          for (const raw of raws) {
            const r = ex.applyExtrinsic(ctx.s, raw, n)
            if (!r.ok) throw new Error(`Could not apply extrinsic: ${r.error.reason}`)
          }
          const fin = ex.finalizeBlock(ctx.s, n)
          // frame_executive's final checks: digest, state root and extrinsics root must match.
          if (encode(vec(DigestItem), fin.digest).join() !== encode(vec(DigestItem), logs).join()) throw new Error('Digest item must match that calculated.')
          if (!sameBytes(ctx.stateRoot(), blk.header.state_root)) throw new Error('Storage root must match that calculated.')
          if (!sameBytes(orderedTrieRoot(raws), blk.header.extrinsics_root)) throw new Error('Transaction trie root must match that calculated.')
          return null
        },
      },
      {
        name: 'initialize_block',
        inputs: [{ name: 'header', type: Header }],
        output: ExtrinsicInclusionMode,
        docs: [' Initialize a block with the given header and return the runtime executive mode.'],
        call: (ctx, [hdr]) => {
          const header = hdr as HeaderValue
          h.executive.initializeBlock(ctx.s, { number: header.number, parentHash: header.parent_hash, digest: header.digest.logs })
          return { type: 'AllExtrinsics' }
        },
      },
    ],
  }
}

export function metadataApi(h: ApiHost): RuntimeApiDecl {
  const body = (v: number): Uint8Array | null => h.metadata(v)
  return {
    name: 'Metadata',
    version: 2,
    docs: [' The `Metadata` api trait that returns metadata for the runtime.'],
    methods: [
      { name: 'metadata', inputs: [], output: OpaqueMetadata, docs: [' Returns the metadata of a runtime.'], call: () => body(14) },
      {
        name: 'metadata_at_version',
        inputs: [{ name: 'version', type: u32 }],
        output: option(OpaqueMetadata),
        docs: [' Returns the metadata at a given version.'],
        call: (_ctx, [v]) => body(v as number),
      },
      {
        name: 'metadata_versions',
        inputs: [],
        output: vec(u32),
        docs: [' Returns the supported metadata versions.'],
        call: () => h.metadataVersions,
      },
    ],
  }
}

