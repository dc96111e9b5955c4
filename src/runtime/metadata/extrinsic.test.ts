// The spec-425 extension list as polkadot.js sees it through our metadata: the signing payload
// and the signed extrinsic layout, cross-checked against a hand-built layout and our own codec.
import { beforeAll, describe, expect, it } from 'vitest'
import { Keyring } from '@polkadot/keyring'
import type { KeyringPair } from '@polkadot/keyring/types'
import { Metadata, TypeRegistry } from '@polkadot/types'
import { expandMetadata } from '@polkadot/types/metadata/decorate'
import { compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util'
import { signatureVerify } from '@polkadot/util-crypto'
import { codecOf, encode, readCompactNumber, Reader } from '../../codec/scale.js'
import { tuple } from '../../codec/types.js'
import { RuntimeCall } from '../../frame/outer.js'
import { MultiAddress, MultiSignature } from '../../frame/primitives.js'
import { buildMetadataV14, buildMetadataV15, EraTy, extensionsSpec425, extraTy, RuntimeTy } from './index.js'
import { description } from './test-runtime.js'

const genesis = new Uint8Array(32).fill(0x11)
const birth = new Uint8Array(32).fill(0x22)
const bob = Uint8Array.from({ length: 32 }, (_, i) => 0xff - i)
const u32le = (n: number): Uint8Array => Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24)

/** Substrate's `Era::mortal(period, current).encode()`, written out from sp_runtime's definition. */
function mortalEraBytes(period: number, current: number): Uint8Array {
  let p = 4
  while (p < period && p < 1 << 16) p *= 2
  const phase = current % p
  const quantize = Math.max(p >> 12, 1)
  const trailingZeros = Math.log2(p)
  const v = Math.min(Math.max(trailingZeros - 1, 1), 15) | (Math.floor(phase / quantize) << 4)
  return Uint8Array.of(v & 0xff, v >> 8)
}

let pair: KeyringPair
beforeAll(() => {
  pair = new Keyring({ type: 'sr25519' }).addFromUri('//Alice')
})

describe('EraTy', () => {
  it('reads Substrate era bytes: Immortal is one byte, MortalN(x) is [N, x]', () => {
    const era = codecOf(EraTy)
    expect(encode(EraTy, { type: 'Immortal' })).toEqual(Uint8Array.of(0))
    const bytes = mortalEraBytes(64, 1000)
    expect(u8aToHex(bytes)).toBe('0x8502')
    expect(era.dec(new Reader(bytes))).toEqual({ type: 'Mortal133', value: 2 })
  })
})

describe('extensionsSpec425', () => {
  it('lists the 13 identifiers in wire order and reuses its type objects', () => {
    const list = extensionsSpec425()
    expect(list.map((e) => e.identifier)).toEqual([
      'CheckNonZeroSender', 'CheckSpecVersion', 'CheckTxVersion', 'CheckGenesis', 'CheckMortality', 'CheckNonce',
      'CheckWeight', 'ChargeTransactionPayment', 'SudoTransactionExtension', 'CheckShieldedTxValidity',
      'SubtensorTransactionExtension', 'DrandPriority', 'CheckMetadataHash',
    ])
    expect(extensionsSpec425(RuntimeTy)).toBe(list)
    // The zero-sized subtensor extensions name the runtime as their `T`.
    expect(list[10]!.type.params[0]!.type).toBe(RuntimeTy)
    // Whatever a client does not know, it can size from metadata: only 4 extensions carry bytes.
    const explicit = list.filter((e) => encode(e.type, sampleZero(e.identifier)).length > 0).map((e) => e.identifier)
    expect(explicit).toEqual(['CheckMortality', 'CheckNonce', 'ChargeTransactionPayment', 'CheckMetadataHash'])
  })
})

function sampleZero(identifier: string): unknown {
  switch (identifier) {
    case 'CheckMortality': return { type: 'Immortal' }
    case 'CheckNonce': return 0
    case 'ChargeTransactionPayment': return 0n
    case 'CheckMetadataHash': return { mode: { type: 'Disabled' } }
    default: return null
  }
}

describe.each([
  ['V14', 14, 'flat'], ['V15', 15, 'flat'], ['V14', 14, 'subtensor'], ['V15', 15, 'subtensor'],
] as const)('signing transfer_keep_alive with %s metadata, %s extrinsic shape', (_, version, shape) => {
  const setup = (): { registry: TypeRegistry; call: Uint8Array; callHex: string } => {
    const registry = new TypeRegistry()
    const bytes = version === 14 ? buildMetadataV14(description(shape)) : buildMetadataV15(description(shape))
    const metadata = new Metadata(registry, u8aToHex(bytes))
    registry.setMetadata(metadata)
    const tx = expandMetadata(registry, metadata).tx
    const call = tx.balances!.transferKeepAlive!({ Id: u8aToHex(bob) }, 1_000_000_000n)
    return { registry, call: call.toU8a(), callHex: call.toHex() }
  }

  it('polkadot.js takes the extension list from metadata', () => {
    const { registry } = setup()
    expect(registry.signedExtensions).toEqual(extensionsSpec425().map((e) => e.identifier))
    expect(Object.keys(registry.getSignedExtensionTypes())).toEqual(['era', 'nonce', 'tip', 'mode'])
    expect(Object.keys(registry.getSignedExtensionExtra())).toEqual(['specVersion', 'transactionVersion', 'genesisHash', 'blockHash', 'metadataHash'])
  })

  it.each([
    ['mortal', { period: 64, current: 1000 }, 7, 12_345n],
    ['immortal', null, 0, 0n],
  ] as const)('%s: payload = call ‖ era ‖ nonce ‖ tip ‖ mode ‖ spec ‖ tx ‖ genesis ‖ birth ‖ 0x00', (_, mortal, nonce, tip) => {
    const { registry, call, callHex } = setup()
    const era = mortal ? registry.createType('ExtrinsicEra', mortal) : registry.createType('ExtrinsicEra', new Uint8Array([0]))
    const blockHash = mortal ? birth : genesis
    const payload = registry.createType('ExtrinsicPayload', {
      method: callHex, era, nonce, tip, mode: 0, specVersion: 425, transactionVersion: 1,
      genesisHash: u8aToHex(genesis), blockHash: u8aToHex(blockHash),
    }, { version: 4 })
    const signed = payload.toU8a({ method: true })

    const eraBytes = mortal ? mortalEraBytes(mortal.period, mortal.current) : Uint8Array.of(0)
    const expected = u8aConcat(call, eraBytes, compactToU8a(nonce), compactToU8a(tip), [0], u32le(425), u32le(1), genesis, blockHash, [0])
    expect(u8aToHex(signed)).toBe(u8aToHex(expected))

    // The same bytes from our own extension types: Extra then the tuple of the implicit types.
    const x = description(shape).extrinsic
    const eraValue = codecOf(EraTy).dec(new Reader(eraBytes))
    const flat = [null, null, null, null, eraValue, nonce, null, tip, null, null, null, null, { mode: { type: 'Disabled' } }]
    const extra = shape === 'flat' ? flat : [flat.slice(0, 7), flat.slice(7, 12), flat[12]]
    const implicit = [null, 425, 1, genesis, blockHash, null, null, null, null, null, null, null, null]
    const ours = u8aConcat(call, encode(extraTy(x), extra), encode(tuple(...x.extensions.map((e) => e.additionalSigned)), implicit))
    expect(u8aToHex(ours)).toBe(u8aToHex(expected))

    // A signed extrinsic from polkadot.js, read with our codec against the metadata's Extra type.
    const xt = registry.createType('Extrinsic', registry.createType('Call', call))
    xt.sign(pair, {
      blockHash: u8aToHex(blockHash), genesisHash: u8aToHex(genesis), era, nonce, tip, mode: 0,
      runtimeVersion: { specVersion: registry.createType('u32', 425), transactionVersion: registry.createType('u32', 1) },
    } as unknown as Parameters<typeof xt.sign>[1])
    const r = new Reader(xt.toU8a())
    expect(readCompactNumber(r)).toBe(r.remaining)
    expect(r.byte()).toBe(0x84)
    expect(codecOf(MultiAddress).dec(r)).toEqual({ type: 'Id', value: pair.publicKey })
    const sig = codecOf(MultiSignature).dec(r) as { type: string; value: Uint8Array }
    expect(sig.type).toBe('Sr25519')
    expect(codecOf(extraTy(x)).dec(r)).toEqual(extra)
    const decodedCall = codecOf(RuntimeCall).dec(r)
    expect(r.remaining).toBe(0)
    expect(decodedCall).toEqual({ type: 'Balances', value: { type: 'transfer_keep_alive', value: { dest: { type: 'Id', value: bob }, value: 1_000_000_000n } } })
    expect(signatureVerify(ours, sig.value, pair.publicKey).isValid).toBe(true)
  })
})
